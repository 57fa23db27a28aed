"""Zip files that unpack to far more than they hold, written streaming so the tests stay small.

A long run of one byte deflates about 1000:1, so a 1.2 GB entry takes 1.2 MB on disk; it is
written a megabyte at a time, never held in memory.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl

CHUNK = 1 << 20
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


@dataclass(frozen=True)
class Run:
    """An entry's text: ``head``, then ``fill`` repeated to ``size`` bytes in all, then ``tail``."""

    head: bytes
    fill: bytes
    size: int
    tail: bytes = b""


def write_zip(path: Path, entries: dict[str, bytes | Run]) -> Path:
    """A zip of these entries (deflated), each Run written in chunks of about a megabyte."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            if isinstance(content, bytes):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=content.size > 2_000_000_000) as out:
                out.write(content.head)
                block = content.fill * max(1, CHUNK // len(content.fill))
                left = content.size - len(content.head) - len(content.tail)
                left -= left % len(content.fill)  # whole repeats only: the text stays well formed
                while left > 0:
                    piece = block[:left]
                    out.write(piece)
                    left -= len(piece)
                out.write(content.tail)
    return path


def understate(path: Path, name: str, size: int) -> None:
    """Make the zip's headers say entry ``name`` unpacks to ``size`` bytes (less than it does)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
        start_dir = archive.start_dir
    with path.open("r+b") as handle:
        handle.seek(info.header_offset + 22)  # local header: uncompressed size
        handle.write(struct.pack("<I", size))
        handle.seek(start_dir)
        data = handle.read()
        offset = 0
        while data[offset : offset + 4] == b"PK\x01\x02":
            name_len, extra_len, comment_len = struct.unpack("<HHH", data[offset + 28 : offset + 34])
            found = data[offset + 46 : offset + 46 + name_len].decode()
            if found == name:
                handle.seek(start_dir + offset + 24)  # central directory: uncompressed size
                handle.write(struct.pack("<I", size))
            offset += 46 + name_len + extra_len + comment_len


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx with these sheets (name -> rows), first sheet first."""
    book = openpyxl.Workbook()
    first = True
    for title, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(row)
        first = False
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_with_huge_shared_strings(path: Path, size: int) -> Path:
    """A real workbook whose shared-strings part is replaced by ``size`` bytes of tiny strings."""
    small = workbook_bytes({"Tracker": [["name", "sent_on"], ["Bo Berg", "2026-03-02"]]})
    entries: dict[str, bytes | Run] = {}
    with zipfile.ZipFile(io.BytesIO(small)) as archive:
        for info in archive.infolist():
            entries[info.filename] = archive.read(info)
    types = entries["[Content_Types].xml"]
    assert isinstance(types, bytes)
    if b"sharedStrings" not in types:  # openpyxl writes strings inline: make the workbook read the part
        entries["[Content_Types].xml"] = types.replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    entries["xl/sharedStrings.xml"] = Run(head, b"<si><t>x</t></si>", size, b"</sst>")
    return write_zip(path, entries)
