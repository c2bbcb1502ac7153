"""Bundles: JSON Lines files of many readings, uploaded after a Bluetooth sync."""

from __future__ import annotations

import enum
import json
import uuid
from collections.abc import Iterator
from datetime import datetime

import attrs

from domain.errors import InvalidInput
from domain.readings import DeliveryReport, Reading, Rejection, parse_reading

MAX_BUNDLE_BYTES = 16 * 1024 * 1024
MAX_LINE_BYTES = 4096
MAX_LINES = 200_000


class BundleStatus(enum.Enum):
    WAITING = "waiting-for-upload"
    PROCESSED = "processed"


@attrs.frozen
class Bundle:
    id: str
    tracker: str
    owner_id: str
    status: BundleStatus = BundleStatus.WAITING
    report: DeliveryReport | None = None

    @classmethod
    def start(cls, tracker: str, owner_id: str) -> Bundle:
        return cls(uuid.uuid4().hex, tracker, owner_id)

    @property
    def blob_key(self) -> str:
        return f"bundles/{self.id}.jsonl"

    def processed(self, report: DeliveryReport) -> Bundle:
        return attrs.evolve(self, status=BundleStatus.PROCESSED, report=report)


def bundle_id_of(blob_key: str) -> str | None:
    """The bundle a stored object belongs to, or None for any other object."""
    if not blob_key.startswith("bundles/") or not blob_key.endswith(".jsonl"):
        return None
    return blob_key[len("bundles/") : -len(".jsonl")] or None


@attrs.frozen
class ParsedBundle:
    readings: tuple[tuple[int, Reading], ...]
    rejections: tuple[Rejection, ...]
    raw_lines: dict[int, str]


def parse_bundle(tracker: str, data: bytes, now: datetime) -> ParsedBundle:
    """Each line on its own: a bad line is reported with its number and field, never stops the rest."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise InvalidInput("bundle", f"a bundle holds at most {MAX_BUNDLE_BYTES} bytes")
    readings, rejections, raw_lines = [], [], {}
    for number, line in _lines(data):
        try:
            readings.append((number, parse_reading(tracker, _decoded(line), now)))
        except InvalidInput as error:
            rejections.append(Rejection(number, error.field, error.detail))
            raw_lines[number] = line[:MAX_LINE_BYTES].decode("utf-8", "replace")
    return ParsedBundle(tuple(readings), tuple(rejections), raw_lines)


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        if number > MAX_LINES:
            raise InvalidInput("bundle", f"a bundle holds at most {MAX_LINES} lines")
        yield number, line


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


# One decoder for every line: json.loads with options builds a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def _decoded(line: bytes) -> object:
    if len(line) > MAX_LINE_BYTES:
        raise InvalidInput("line", f"a line holds at most {MAX_LINE_BYTES} bytes")
    try:
        return _DECODER.decode(line.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise InvalidInput("line", "the line is not a JSON object") from error
