"""Hostile bundles on every binding: refused whole with a reason, or each bad line reported.

Every case is a bundle uploaded through the binding's real path (bundle_upload.py) for a
tracker of its own, paired with a pet of its own, so the pet's steps afterwards show what
the bundle counted. A bundle over a cap (bytes stored or inflated, lines), a gzip bomb or
gzip that cannot be inflated is refused whole: its report has one rejection, line 0 and
field `bundle`, with the reason, and none of its lines count, good ones included (the
local server already refuses an object over the cap at upload, with 413, and the bundle
waits on). Any other bundle is processed line by line: every bad line is rejected with
its number and field and kept in quarantine, every good line counts. Nothing answers 500
(the driver's calls assert it) and no job fails (the platforms' settle asserts it).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from datetime import UTC, date, datetime

import attrs

from domain.bundles import MAX_BUNDLE_BYTES, MAX_LINE_BYTES, MAX_LINES, UTF8_BOM
from tests.hostile.bundle_upload import Outcome, gzip_of_zeros, upload_bundle
from tests.support.drivers.base import Driver
from tests.support.figures import Figures

NOW = datetime(2026, 11, 21, 10, tzinfo=UTC)
DAY = date(2026, 11, 20)
ROW = "bundle-caps"
OWNER = "alice"
ADMIN = "ops"


def reading(minute: int, steps: int = 100, **fields: object) -> bytes:
    """One line: a reading on DAY at 08:`minute`."""
    body = {"time": f"2026-11-20T08:{minute:02d}:00Z", "steps": steps, **fields}
    return json.dumps(body).encode()


def lines(*parts: bytes, end: bytes = b"\n") -> bytes:
    return b"".join(part + end for part in parts)


@attrs.frozen
class Refused:
    """The whole bundle is refused: `reason` is part of the report's one rejection."""

    reason: str


@attrs.frozen
class Processed:
    """The bundle is processed line by line; each rejected line is kept in quarantine."""

    accepted: int
    rejected: tuple[tuple[int, str], ...]  # line, field
    steps: int  # the day's steps afterwards
    quarantined: int = attrs.field(
        default=attrs.Factory(lambda self: len(self.rejected), takes_self=True)
    )


# name -> (the bundle, what must become of it)
Case = tuple[Callable[[], bytes], Refused | Processed]

WHOLE: dict[str, Case] = {
    "over the size cap": (  # a good line, then blank lines past the cap
        lambda: lines(reading(0)) + lines(b" " * 4095) * (MAX_BUNDLE_BYTES // 4096 + 1),
        Refused(f"at most {MAX_BUNDLE_BYTES} bytes"),
    ),
    "over the line cap": (
        lambda: lines(reading(0), *[b"{}"] * MAX_LINES),
        Refused(f"at most {MAX_LINES} lines"),
    ),
    "gzip bomb, 10 MiB of zeros": (lambda: gzip_of_zeros(10), Refused("decompression bomb")),
    "gzip bomb, 1 GiB of zeros after a good line": (
        lambda: gzip.compress(lines(reading(0))) + gzip_of_zeros(1024),
        Refused(f"inflates to more than {MAX_BUNDLE_BYTES} bytes"),
    ),
    "gzip cut short": (
        lambda: gzip.compress(lines(*[reading(m) for m in range(30)]))[:-20],
        Refused("gzip stream is cut short"),
    ),
    "gzip magic then garbage": (
        lambda: b"\x1f\x8b" + bytes(range(256)) * 4,
        Refused("not valid gzip"),
    ),
    "gzip with a wrong checksum": (
        lambda: _flipped(gzip.compress(lines(reading(0), reading(1))), -8),
        Refused("not valid gzip"),
    ),
    "data after the gzip stream": (
        lambda: gzip.compress(lines(reading(0))) + lines(reading(1)),
        Refused("data after its gzip stream"),
    ),
}


def _filled_to(size: int, head: bytes, tail: bytes) -> bytes:
    filled = head + b" " * (size - len(head) - len(tail)) + tail
    assert len(filled) == size
    return filled


def _flipped(data: bytes, at: int) -> bytes:
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)


BAD_LINES = lines(
    reading(0, 1000),
    reading(1, 1) + b" " * MAX_LINE_BYTES,  # 2: over-long, though JSON
    b"",  # 3: blank
    reading(2, 200).replace(b"2026", b"\xff\xfe26"),  # 4: not UTF-8
    b"[1, 2]",  # 5: JSON, not an object
    b"null",  # 6
    reading(3, 300).replace(b"300", b"1e400"),  # 7: steps overflow to infinity
    reading(4, 400).replace(b"400", b"1" + b"0" * 1000),  # 8: a thousand-digit number
    b'{"time": "2026-11-20T08:05:00Z", "steps": 1, "latitude": 1e999, "longitude": 0}',  # 9
    b'{"time": "2026-11-20T08:06:00Z", "steps": NaN}',  # 10: NaN is no JSON
    b"[" * 2000 + b"]" * 2000,  # 11: deep nesting
    b"\0\0\0",  # 12
    b"   \t ",  # 13: blank
    reading(7, 2000),
)
BAD_LINES_REJECTED = (
    (2, "line"),
    (4, "line"),
    (5, "reading"),
    (6, "reading"),
    (7, "steps"),
    (8, "steps"),
    (9, "latitude"),
    (10, "line"),
    (11, "line"),
    (12, "line"),
)
GOOD_TWO = (reading(0, 1000), reading(1, 2000))
# Nine different lines of bytes that are neither UTF-8 nor JSON (quarantine keeps a line
# once, however often it comes).
GARBAGE = b"\n".join(bytes([0xC0 + k]) + bytes(range(0x80, 0x100)) for k in range(9))

BY_LINE: dict[str, Case] = {
    "bad lines among good": (lambda: BAD_LINES, Processed(2, BAD_LINES_REJECTED, 3000)),
    "the same, gzip": (lambda: gzip.compress(BAD_LINES), Processed(2, BAD_LINES_REJECTED, 3000)),
    "blank lines": (
        lambda: b"\n\n" + GOOD_TWO[0] + b"\n \t\n\r\n" + GOOD_TWO[1] + b"\n\n",
        Processed(2, (), 3000),
    ),
    "CRLF line ends": (lambda: lines(*GOOD_TWO, end=b"\r\n"), Processed(2, (), 3000)),
    "a byte order mark": (lambda: UTF8_BOM + lines(*GOOD_TWO), Processed(2, (), 3000)),
    "no newline at the end": (lambda: lines(*GOOD_TWO)[:-1], Processed(2, (), 3000)),
    "concatenated gzip members": (
        lambda: (
            gzip.compress(GOOD_TWO[0] + b"\n" + GOOD_TWO[1][:9])
            + gzip.compress(GOOD_TWO[1][9:] + b"\n")
        ),
        Processed(2, (), 3000),
    ),
    "gzip of garbage": (
        lambda: gzip.compress(GARBAGE + b"\n" + lines(*GOOD_TWO)),
        Processed(2, tuple((n, "line") for n in range(1, 10)), 3000),
    ),
    "exactly the size cap": (  # two good lines around one blank line that fills the rest
        lambda: _filled_to(MAX_BUNDLE_BYTES, GOOD_TWO[0] + b"\n", b"\n" + GOOD_TWO[1]),
        Processed(2, (), 3000),
    ),
    "one line of 10 MiB": (
        lambda: lines(GOOD_TWO[0], b"x" * (10 << 20), GOOD_TWO[1]),
        Processed(2, ((2, "line"),), 3000),
    ),
}


def prepared(driver: Driver, cases: dict[str, Case]) -> dict[str, str]:
    """The world, and a pet with a tracker of its own for each case: case -> serial."""
    driver.set_time(NOW)
    driver.add_user(OWNER)
    driver.add_user(ADMIN, admin=True)
    serials = {}
    for number, name in enumerate(cases, start=1):
        pet, serial = f"Pet{number}", f"TRK-{number:03d}"
        driver.register_pet(OWNER, "dog", pet, 20)
        driver.pair_tracker(OWNER, serial, pet)
        serials[name] = serial
    return serials


def what_became_of(driver: Driver, serial: str, outcome: Outcome) -> Refused | Processed:
    """The outcome in the terms of the expectation, with the day's steps of the case's pet."""
    pet = f"Pet{int(serial.split('-')[1])}"
    steps = driver.activity(OWNER, pet, DAY).steps
    report = outcome.report
    if outcome.refused_with == 413 and report is None and steps == 0:
        return Refused(f"413 at upload: at most {MAX_BUNDLE_BYTES} bytes")
    if report is None:
        return Processed(-1, (), steps)  # neither refused nor processed: fails any case
    rejected = tuple((line, field) for line, field, _ in report.rejected)
    if rejected == ((0, "bundle"),) and report.accepted == 0 and steps == 0:
        return Refused(report.rejected[0][2])
    return Processed(report.accepted, rejected, steps, driver.quarantined(ADMIN, serial))


def held(expected: Refused | Processed, found: Refused | Processed) -> bool:
    if isinstance(expected, Refused):
        return isinstance(found, Refused) and expected.reason in found.reason
    return found == expected


def check(binding: str, driver: Driver, figures: Figures, cases: dict[str, Case]) -> None:
    serials, failures = prepared(driver, cases), []
    for name, (content, expected) in cases.items():
        found = what_became_of(
            driver, serials[name], upload_bundle(driver, OWNER, serials[name], content())
        )
        figures.record(ROW, binding, held=held(expected, found))
        if not held(expected, found):
            failures.append(f"{name}: expected {expected}, found {found}")
    assert not failures, "\n".join(failures)


def test_a_bundle_over_a_cap_or_of_bad_gzip_is_refused_whole(
    binding: str, driver: Driver, figures: Figures
) -> None:
    check(binding, driver, figures, WHOLE)


def test_each_bad_line_is_reported_and_every_good_line_counts(
    binding: str, driver: Driver, figures: Figures
) -> None:
    check(binding, driver, figures, BY_LINE)
