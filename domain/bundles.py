"""Bundles: JSON Lines files of many readings, uploaded after a Bluetooth sync."""

from __future__ import annotations

import enum
import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime

import attrs

from domain.bundle_gzip import gunzipped, is_gzip
from domain.errors import InvalidInput
from domain.readings import DeliveryReport, Reading, Rejection, parse_reading

MAX_BUNDLE_BYTES = 16 * 1024 * 1024
MAX_LINE_BYTES = 4096
MAX_LINES = 200_000
UTF8_BOM = b"\xef\xbb\xbf"

# An inflated bundle stays in the bytearray it was inflated into: no second copy of it.
Text = bytes | bytearray


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
    """Each line on its own: a bad line is reported with its number and field, never stops the rest.

    `data` is the uploaded object (JSON Lines, or gzip of them). InvalidInput("bundle")
    refuses the whole bundle: too many bytes, stored or inflated, too many lines, or gzip
    that cannot be inflated.
    """
    readings, rejections, raw_lines = [], [], {}
    for number, line in _lines(_text(data)):
        try:
            readings.append((number, parse_reading(tracker, _decoded(line), now)))
        except InvalidInput as error:
            rejections.append(Rejection(number, error.field, error.detail))
            # Bytes that are not UTF-8 stay visible (and lines that differ, different).
            raw_lines[number] = bytes(line[:MAX_LINE_BYTES]).decode("utf-8", "backslashreplace")
    return ParsedBundle(tuple(readings), tuple(rejections), raw_lines)


def _text(data: bytes) -> Text:
    """The JSON Lines of the upload: the upload itself, or what its gzip inflates to."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise InvalidInput("bundle", f"a bundle holds at most {MAX_BUNDLE_BYTES} bytes")
    return gunzipped(data, MAX_BUNDLE_BYTES) if is_gzip(data) else data


def _lines(text: Text) -> Iterator[tuple[int, Text]]:
    """Numbered lines (LF or CRLF ends), one at a time; blank ones skipped but counted.
    A byte order mark before the first line is not part of it. A run of blank lines is
    skipped in one step: a bundle of nothing but newlines costs no more than one line."""
    start = len(UTF8_BOM) if text.startswith(UTF8_BOM) else 0
    number = 1
    while start < len(text):
        blank = _BLANK.match(text, start)
        blank_end = blank.end() if blank else start
        last_newline = text.rfind(b"\n", start, blank_end)
        if last_newline >= 0:
            number += text.count(b"\n", start, blank_end)
            start = last_newline + 1
        if blank_end == len(text):
            return
        end = text.find(b"\n", start)
        end = len(text) if end < 0 else end
        if number > MAX_LINES:
            raise InvalidInput("bundle", f"a bundle holds at most {MAX_LINES} lines")
        yield number, text[start:end]
        start, number = end + 1, number + 1


# What bytes.isspace() calls white space.
_BLANK = re.compile(rb"\s*")


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


# One decoder for every line: json.loads with options builds a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def _decoded(line: Text) -> object:
    if len(line) > MAX_LINE_BYTES:
        raise InvalidInput("line", f"a line holds at most {MAX_LINE_BYTES} bytes")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput("line", "the line is not UTF-8 text") from error
    try:
        return _DECODER.decode(text)
    except (ValueError, RecursionError) as error:
        raise InvalidInput("line", "the line is not valid JSON") from error
