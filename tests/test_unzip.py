"""The limits on what a zip entry may unpack to, and reading that stops where the header says."""

from __future__ import annotations

import io
import zipfile

import pytest

from coach.importers.unzip import Refused, _Bounded, oversized, size_text


def entry(size: int, packed: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("messages.csv")
    info.file_size, info.compress_size = size, packed
    return info


@pytest.mark.parametrize(
    ("size", "packed", "refused"),
    [
        (1_000_000_000, 1_000_000_000, False),  # 1 GB at 1:1: the largest allowed
        (1_000_000_001, 1_000_000_001, True),  # over 1 GB, whatever the ratio
        (100_000_000, 10_000, False),  # 100 MB at 10,000:1: not over 100 MB
        (100_000_001, 1_000_001, False),  # over 100 MB at under 100:1
        (100_000_001, 999_999, True),  # over 100 MB and over 100:1
        (5_000_000, 0, False),  # a tiny entry stored in nothing (empty packed size) is no bomb
    ],
)
def test_the_limits(size: int, packed: int, refused: bool) -> None:
    assert (oversized(entry(size, packed)) is not None) is refused


def test_a_refusal_says_sizes_and_ratio() -> None:
    assert oversized(entry(150_000_000, 300_000)) == (
        "would unpack to 150 MB from 300 KB in the zip (500 times its packed size); more than 100 MB packed "
        "over 100 to 1 is refused as a likely zip bomb"
    )
    assert oversized(entry(1_200_000_000, 1_200_000)) == (
        "would unpack to 1.2 GB from 1.2 MB in the zip, more than the 1 GB a file may unpack to"
    )
    assert [size_text(n) for n in (0, 999, 1000, 1_250_000)] == ["0 bytes", "999 bytes", "1 KB", "1.2 MB"]


def test_reading_stops_once_more_comes_out_than_the_header_says() -> None:
    stream = _Bounded(io.BytesIO(b"x" * 10), 5, "messages.csv")
    assert stream.read(4) == b"xxxx"
    with pytest.raises(Refused, match="messages.csv holds more than the 5 bytes the zip says it does"):
        stream.read(4)
    exact = _Bounded(io.BytesIO(b"x" * 5), 5, "messages.csv")
    assert exact.read() == b"xxxxx" and exact.read() == b""
