"""Bundles: JSON Lines parsed line by line; a bad line is reported and never stops the rest."""

from __future__ import annotations

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
