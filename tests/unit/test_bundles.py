"""Bundles: JSON Lines parsed line by line; a bad line is reported and never stops the rest."""

from __future__ import annotations

import gzip

import pytest

from domain import bundles
from domain.bundles import Bundle, BundleStatus, bundle_id_of, parse_bundle
from domain.errors import InvalidInput
from domain.readings import DeliveryReport, Rejection

from .conftest import NOW

FEATURE = b"""{"time": "2026-11-20T07:00:00Z", "steps": 1000}
{"time": "2026-11-20T07:05:00Z", "steps": 1500, "latitude": 52.52, "longitude": 13.405}
{"time": "2026-11-20T07:10:00Z", "steps": "many"}
{"time": "2026-11-20T07:15:00Z", "steps": 500, "battery": 60}
"""
GOOD = b'{"time": "2026-11-20T07:00:00Z", "steps": 1}'


def rejected(data: bytes) -> list[tuple[int, str]]:
    return [(r.position, r.field) for r in parse_bundle("TRK-001", data, NOW).rejections]


def test_the_features_bundle_keeps_good_lines_and_names_the_bad_one() -> None:
    parsed = parse_bundle("TRK-001", FEATURE, NOW)
    assert [(n, r.steps) for n, r in parsed.readings] == [(1, 1000), (2, 1500), (4, 500)]
    assert [(r.position, r.field) for r in parsed.rejections] == [(3, "steps")]
    assert parsed.raw_lines == {3: '{"time": "2026-11-20T07:10:00Z", "steps": "many"}'}
    assert all(reading.tracker == "TRK-001" for _, reading in parsed.readings)


def test_empty_lines_are_skipped_but_keep_their_numbers() -> None:
    parsed = parse_bundle(
        "TRK-001", b"\n" + GOOD + b"\n   \n\r\n" + GOOD.replace(b"07", b"08"), NOW
    )
    assert [n for n, _ in parsed.readings] == [2, 5]
    assert parsed.rejections == ()


def test_windows_line_endings_are_read() -> None:
    assert len(parse_bundle("TRK-001", GOOD + b"\r\n", NOW).readings) == 1


@pytest.mark.parametrize(
    "line",
    [
        b'{"time": "2026-11-20T07:00:00Z", "steps":',
        b"not json",
        b'{"time": "2026-11-20T07:00:00Z", "steps": NaN}',
        b'{"time": "2026-11-20T07:00:00Z", "steps": 1, "latitude": Infinity, "longitude": 1}',
        b'{"time": "2026-11-20T07:00:00Z", "steps": -Infinity}',
        b"\xff\xfe{}",
        b"[" * 2000 + b"]" * 2000,
    ],
)
def test_a_line_that_is_not_json_is_rejected_as_line(line: bytes) -> None:
    assert rejected(GOOD + b"\n" + line + b"\n" + GOOD.replace(b"07", b"08")) == [(2, "line")]


def test_a_huge_number_is_rejected_as_its_field() -> None:
    huge = b'{"time": "2026-11-20T07:05:00Z", "steps": 1, "latitude": 1%s, "longitude": 0}' % (
        b"0" * 400
    )
    assert rejected(GOOD + b"\n" + huge) == [(2, "latitude")]


def test_a_line_that_is_not_an_object_is_rejected_as_reading() -> None:
    assert rejected(b'[1, 2]\n"text"\n') == [(1, "reading"), (2, "reading")]


def test_an_oversized_line_is_rejected_and_a_line_at_the_limit_is_read() -> None:
    at_limit = GOOD[:-1] + b" " * (bundles.MAX_LINE_BYTES - len(GOOD)) + b"}"
    assert len(at_limit) == bundles.MAX_LINE_BYTES
    too_long = at_limit[:-1] + b" }"
    parsed = parse_bundle("TRK-001", at_limit + b"\n" + too_long, NOW)
    assert [n for n, _ in parsed.readings] == [1]
    assert [(r.position, r.field) for r in parsed.rejections] == [(2, "line")]
    assert len(parsed.raw_lines[2]) == bundles.MAX_LINE_BYTES


def test_an_oversized_bundle_is_refused_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundles, "MAX_BUNDLE_BYTES", len(GOOD))
    assert len(parse_bundle("TRK-001", GOOD, NOW).readings) == 1
    with pytest.raises(InvalidInput) as error:
        parse_bundle("TRK-001", GOOD + b"\n", NOW)
    assert error.value.field == "bundle"


def test_a_bundle_of_the_most_lines_may_end_with_a_newline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundles, "MAX_LINES", 3)
    lines = [GOOD.replace(b"07:00", f"07:0{m}".encode()) for m in range(3)]
    assert len(parse_bundle("TRK-001", b"\n".join(lines) + b"\n", NOW).readings) == 3
    with pytest.raises(InvalidInput) as error:
        parse_bundle("TRK-001", b"\n".join([*lines, GOOD]), NOW)
    assert error.value.field == "bundle"


def test_a_bundle_is_waiting_until_processed() -> None:
    bundle = Bundle.start("TRK-001", "alice")
    assert (bundle.status, bundle.report) == (BundleStatus.WAITING, None)
    assert bundle.blob_key == f"bundles/{bundle.id}.jsonl"
    report = DeliveryReport(3, 0, 0, (Rejection(3, "steps", "bad"),))
    done = bundle.processed(report)
    assert (done.status, done.report, done.id) == (BundleStatus.PROCESSED, report, bundle.id)


@pytest.mark.parametrize(
    ("key", "bundle_id"),
    [
        ("bundles/abc.jsonl", "abc"),
        ("bundles/.jsonl", None),
        ("photos/abc.jpg", None),
        ("bundles/abc.json", None),
        ("other/bundles/abc.jsonl", None),
    ],
)
def test_only_bundle_objects_name_a_bundle(key: str, bundle_id: str | None) -> None:
    assert bundle_id_of(key) == bundle_id


def test_a_byte_order_mark_before_the_first_line_is_not_part_of_it() -> None:
    second = GOOD.replace(b"07", b"08")
    parsed = parse_bundle("TRK-001", bundles.UTF8_BOM + GOOD + b"\r\n" + second, NOW)
    assert [n for n, _ in parsed.readings] == [1, 2]
    assert rejected(GOOD + b"\n" + bundles.UTF8_BOM + second) == [(2, "line")]


def test_a_line_that_is_not_utf8_is_rejected_and_kept_with_its_bytes_shown() -> None:
    data = GOOD + b'\n{"time": "\xff\xfe", "steps": 1}\n{"time": "\xfe\xff", "steps": 1}'
    parsed = parse_bundle("TRK-001", data, NOW)
    assert [(r.position, r.field, r.reason) for r in parsed.rejections] == [
        (2, "line", "the line is not UTF-8 text"),
        (3, "line", "the line is not UTF-8 text"),
    ]
    assert parsed.raw_lines[2] == '{"time": "\\xff\\xfe", "steps": 1}'
    assert parsed.raw_lines[3] == '{"time": "\\xfe\\xff", "steps": 1}'


def test_trailing_blank_lines_do_not_count_against_the_most_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bundles, "MAX_LINES", 2)
    lines = GOOD + b"\n" + GOOD.replace(b"07", b"08")
    assert len(parse_bundle("TRK-001", lines + b"\n\n \r\n\n", NOW).readings) == 2


def test_a_gzip_bundle_is_held_to_the_caps_of_what_it_inflates_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bundles, "MAX_LINES", 2)
    two = GOOD + b"\n" + GOOD.replace(b"07", b"08") + b"\n"
    assert len(parse_bundle("TRK-001", gzip.compress(two), NOW).readings) == 2
    with pytest.raises(InvalidInput) as error:
        parse_bundle("TRK-001", gzip.compress(two + GOOD), NOW)
    assert (error.value.field, error.value.detail) == ("bundle", "a bundle holds at most 2 lines")


def test_a_stored_bundle_over_the_cap_is_refused_before_it_is_inflated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    packed = gzip.compress(GOOD)
    monkeypatch.setattr(bundles, "MAX_BUNDLE_BYTES", len(packed) - 1)
    with pytest.raises(InvalidInput) as error:
        parse_bundle("TRK-001", packed, NOW)
    assert error.value.detail == f"a bundle holds at most {len(packed) - 1} bytes"


def test_white_space_before_a_reading_stays_with_its_line() -> None:
    parsed = parse_bundle("TRK-001", b"\n \t" + GOOD + b"\n  [1]", NOW)
    assert [n for n, _ in parsed.readings] == [2]
    assert parsed.raw_lines == {3: "  [1]"}


@pytest.mark.parametrize("blank", [b"", b"\n" * 1000, b" \r\n\t\n" * 1000, bundles.UTF8_BOM])
def test_a_bundle_of_blank_lines_holds_nothing(blank: bytes) -> None:
    parsed = parse_bundle("TRK-001", blank, NOW)
    assert (parsed.readings, parsed.rejections) == ((), ())


def test_a_line_after_the_most_lines_is_refused_even_after_blank_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bundles, "MAX_LINES", 3)
    assert [n for n, _ in parse_bundle("TRK-001", b"\n\n" + GOOD, NOW).readings] == [3]
    with pytest.raises(InvalidInput):
        parse_bundle("TRK-001", b"\n\n\r\n" + GOOD, NOW)
