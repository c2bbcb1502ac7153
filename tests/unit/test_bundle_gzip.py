"""Gzip bundles: inflated within the bundle cap and a bomb's ratio, every fault a clear refusal."""

from __future__ import annotations

import functools
import gzip
import os
import struct
import tracemalloc
import zlib

import pytest

from domain import bundle_gzip
from domain.bundle_gzip import gunzipped, is_gzip
from domain.bundles import MAX_BUNDLE_BYTES, parse_bundle
from domain.errors import InvalidInput

from .conftest import NOW

LINES = b"".join(
    b'{"time": "2026-11-20T%02d:%02d:00Z", "steps": %d}\n' % (h, m, h * 60 + m)
    for h in range(8, 12)
    for m in range(60)
)
CAP = 64 * 1024


def refusal(data: bytes, cap: int = CAP) -> str:
    with pytest.raises(InvalidInput) as error:
        gunzipped(data, cap)
    assert error.value.field == "bundle"
    return error.value.detail


def zeros_compressed(mebibytes: int) -> bytes:
    """gzip of that many MiB of zero bytes, never held inflated. After a full flush deflate
    starts afresh, so each MiB compresses to the same bytes: compress one, repeat it."""
    deflater, mib = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS), bytes(1 << 20)
    block = deflater.compress(mib) + deflater.flush(zlib.Z_FULL_FLUSH)
    crc = functools.reduce(lambda crc, _: zlib.crc32(mib, crc), range(mebibytes), 0)
    trailer = struct.pack("<II", crc, (mebibytes << 20) & 0xFFFFFFFF)
    return GZIP_HEADER + block * mebibytes + deflater.flush() + trailer


GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, no time


def test_the_zeros_are_a_true_gzip_stream() -> None:
    assert gzip.decompress(zeros_compressed(3)) == bytes(3 << 20)


def test_gzip_is_known_by_its_magic_bytes() -> None:
    assert is_gzip(gzip.compress(b"x"))
    assert not is_gzip(LINES)
    assert not is_gzip(b"\x1f")
    assert not is_gzip(b"")


@pytest.mark.parametrize("level", [0, 1, 9])
def test_a_gzip_bundle_inflates_to_its_lines(level: int) -> None:
    assert gunzipped(gzip.compress(LINES, level), CAP) == LINES


def test_a_gzip_bundle_is_parsed_as_its_plain_lines_are() -> None:
    plain = parse_bundle("TRK-001", LINES, NOW)
    packed = parse_bundle("TRK-001", gzip.compress(LINES), NOW)
    assert packed == plain
    assert len(packed.readings) == 240


def test_concatenated_members_inflate_one_after_another() -> None:
    half = len(LINES) // 2 + 7  # the first member ends in the middle of a line
    members = gzip.compress(LINES[:half]) + gzip.compress(LINES[half:]) + gzip.compress(b"")
    assert gunzipped(members, CAP) == LINES


def test_zero_padding_after_the_last_member_is_ignored() -> None:
    assert gunzipped(gzip.compress(LINES) + bytes(4096), CAP) == LINES


@pytest.mark.parametrize("trailer", [b"garbage", b"\x1f", b"\0\0junk", b"\x1f\x8bnot gzip"])
def test_data_after_the_gzip_stream_refuses_the_bundle(trailer: bytes) -> None:
    reason = refusal(gzip.compress(LINES) + trailer)
    assert "gzip" in reason


@pytest.mark.parametrize("kept", [2, 10, 100, 1000, -8, -1])
def test_a_truncated_stream_is_refused_as_cut_short_or_damaged(kept: int) -> None:
    whole = gzip.compress(LINES)
    reason = refusal(whole[:kept])
    assert "cut short" in reason or "not valid gzip" in reason


def test_a_damaged_stream_is_refused() -> None:
    damaged = bytearray(gzip.compress(LINES))
    damaged[len(damaged) // 2] ^= 0xFF
    assert "not valid gzip" in refusal(bytes(damaged))


def test_a_wrong_checksum_is_refused() -> None:
    whole = bytearray(gzip.compress(LINES))
    whole[-8] ^= 0x01  # the CRC-32 of the trailer
    assert "not valid gzip" in refusal(bytes(whole))


@pytest.mark.parametrize("garbage", [b"\x1f\x8b", b"\x1f\x8b" + os.urandom(512), b"\x1f\x8b\x08"])
def test_garbage_behind_the_magic_bytes_is_refused(garbage: bytes) -> None:
    reason = refusal(garbage)
    assert "cut short" in reason or "not valid gzip" in reason


def test_gzip_of_garbage_inflates_and_its_lines_are_rejected_one_by_one() -> None:
    garbage = bytes(range(256)) * 8  # nine lines (eight newlines within) of neither UTF-8 nor JSON
    good = b"".join(LINES.splitlines(keepends=True)[:4])
    parsed = parse_bundle("TRK-001", gzip.compress(garbage + b"\n" + good), NOW)
    assert [n for n, _ in parsed.readings] == [10, 11, 12, 13]
    assert [(r.position, r.field) for r in parsed.rejections] == [(n, "line") for n in range(1, 10)]


def test_a_bundle_that_inflates_past_the_cap_is_refused() -> None:
    assert gunzipped(gzip.compress(LINES[:CAP]), CAP) == LINES[:CAP]
    assert len(LINES * 6) > CAP
    assert f"more than {CAP} bytes" in refusal(gzip.compress(LINES * 6), CAP)


def test_ten_megabytes_of_zeros_are_refused_as_a_bomb() -> None:
    bomb = zeros_compressed(10)
    assert len(bomb) < 16 * 1024
    assert "decompression bomb" in refusal(bomb, MAX_BUNDLE_BYTES)


def test_a_ratio_under_the_limit_is_no_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_gzip, "RATIO_FREE_BYTES", 1024)
    packed = gzip.compress(LINES)
    assert len(LINES) / len(packed) < bundle_gzip.MAX_RATIO
    assert gunzipped(packed, CAP) == LINES
    assert "decompression bomb" in refusal(gzip.compress(bytes(len(LINES))), CAP)


def test_a_gigabyte_bomb_is_refused_holding_no_more_than_the_cap() -> None:
    bomb = zeros_compressed(1024)
    tracemalloc.start()
    try:
        reason = refusal(bomb, MAX_BUNDLE_BYTES)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"more than {MAX_BUNDLE_BYTES} bytes" in reason
    # GzipFile inflates chunk by chunk and joins the chunks it was asked for: about twice the
    # cap at the peak (37 MiB), whatever the bomb inflates to; unbounded, this one is 1 GiB
    assert peak < MAX_BUNDLE_BYTES * 2.5, f"held {peak} bytes"


def test_a_bundle_of_many_members_is_held_to_one_budget() -> None:
    member = gzip.compress(bytes(CAP // 4))
    assert "more than" in refusal(member * 5, CAP)
    assert gunzipped(member * 4, CAP) == bytes(CAP)
