"""Reading files packed in a zip (a LinkedIn export, the parts of an .xlsx workbook) within bounds.

A zip entry can unpack to a thousand times its packed size, so each entry's sizes are
checked before anything of it is read: more than 1 GB unpacked, or more than 100 MB at a
ratio above 100:1, is refused as a likely zip bomb. The sizes come from the zip's own
header, which a damaged or crafted file can get wrong, so reading stops as soon as more
bytes come out than the header promised, and a checksum that does not match is refused too.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any, cast

from coach.importers.common import ImportProblem

MAX_UNPACKED = 1_000_000_000  # 1 GB
RATIO_CHECKED_ABOVE = 100_000_000  # 100 MB
MAX_RATIO = 100


class Refused(ImportProblem):
    """A file inside a zip that is not read: too large unpacked, or not what its header says."""


def size_text(size: int) -> str:
    """A byte count as people read it: "950 bytes", "1.2 MB", "1.2 GB"."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{size} bytes"


def oversized(info: zipfile.ZipInfo, ratio_above: int = RATIO_CHECKED_ABOVE) -> str | None:
    """Why a zip entry is too large to unpack (as the end of a sentence), or None if it is not.

    Refused: more than 1 GB unpacked, or more than ``ratio_above`` bytes (100 MB) at over 100:1.
    """
    size, packed = info.file_size, max(info.compress_size, 1)
    ratio = size / packed
    unpacks = f"would unpack to {size_text(size)} from {size_text(info.compress_size)} in the zip"
    if size > MAX_UNPACKED:
        return f"{unpacks}, more than the 1 GB a file may unpack to"
    if size > ratio_above and ratio > MAX_RATIO:
        return (
            f"{unpacks} ({ratio:,.0f} times its packed size); more than {size_text(ratio_above)} packed "
            "over 100 to 1 is refused as a likely zip bomb"
        )
    return None


def check_entries(
    label: str, archive: zipfile.ZipFile, what: str = "file", *, ratio_above: int = RATIO_CHECKED_ABOVE
) -> None:
    """Refuse the whole archive if any entry is too large to unpack, or all of them together are."""
    infos = archive.infolist()
    for info in infos:
        if reason := oversized(info, ratio_above):
            raise Refused(f"{label}: its {what} {info.filename} {reason}.", file=label)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED:
        raise Refused(
            f"{label}: its {what}s would unpack to {size_text(total)} together, more than the 1 GB an "
            "import reads.",
            file=label,
        )


def open_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> IO[bytes]:
    """A zip entry opened for reading that stops with :class:`Refused` past its declared size."""
    return cast(IO[bytes], _Bounded(archive.open(info), info.file_size, name))


class _Bounded(io.BufferedIOBase):
    """A zip entry's bytes, refused as soon as more come out than its header promised."""

    def __init__(self, inner: IO[bytes], limit: int, name: str) -> None:
        super().__init__()
        self._inner = inner
        self._limit = limit
        self._seen = 0
        self._name = name

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        try:
            data = self._inner.read(-1 if size is None else size)
        except zipfile.BadZipFile as exc:
            if "CRC" not in str(exc):
                raise
            raise Refused(
                f"{self._name} does not match what the zip says of it (its checksum differs): the file "
                "is damaged or was changed. Download it again.",
                file=self._name,
            ) from exc
        self._seen += len(data)
        if self._seen > self._limit:
            raise Refused(
                f"{self._name} holds more than the {size_text(self._limit)} the zip says it does: the file "
                "is damaged or was changed, so it was not read. Download it again.",
                file=self._name,
            )
        return data

    def read1(self, size: int = -1) -> bytes:
        return self.read(size)

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()
