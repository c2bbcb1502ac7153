"""A bundle of raw bytes uploaded the way each binding's app uploads one, and its report.

The features' `sync_bundle` takes text and insists that the upload is stored; a hostile
bundle is any bytes, and a storage may refuse it (the local server answers 413 to an
object over the cap). Each binding goes its real path:

- core: the StartBundleUpload use case, a PUT through the in-memory store's link (which
  announces the object, and the in-process queue runs the job at once), GetBundle.
- http: POST /trackers/{serial}/bundles, an HTTP PUT of the bytes to the upload link on
  the local server, GET /bundles/{id}.
- aws, azure: the same two API calls through the Lambda / Functions entrypoints; the
  driver's `put_object` PUTs to moto's S3 or Azurite and hands the platform's "object
  created" event to its handler, then settles the queued job.
"""

from __future__ import annotations

import struct
import zlib

import attrs
import httpx

from application.use_cases.get_bundle import GetBundleQuery
from application.use_cases.start_bundle_upload import StartBundleUploadCommand
from domain.readings import DeliveryReport
from tests.support.drivers.api import ApiDriver
from tests.support.drivers.base import Driver
from tests.support.drivers.core import CoreDriver
from tests.support.drivers.http import HttpDriver


@attrs.frozen
class Report:
    accepted: int
    duplicates: int
    quarantined: int
    rejected: tuple[tuple[int, str, str], ...]  # line, field, reason


@attrs.frozen
class Outcome:
    """What became of an upload: the storage's refusal (an HTTP status), or the report
    (None while the bundle waits for its object)."""

    refused_with: int | None
    report: Report | None


def upload_bundle(driver: Driver, owner: str, serial: str, data: bytes) -> Outcome:
    if isinstance(driver, CoreDriver):
        return _through_use_cases(driver, owner, serial, data)
    assert isinstance(driver, ApiDriver), f"no bundle upload for {type(driver).__name__}"
    started = driver.call("POST", f"/trackers/{serial}/bundles", owner)
    refused_with = _put(driver, started["upload_url"], data, started["headers"])
    found = driver.call("GET", f"/bundles/{started['bundle_id']}", owner)["report"]
    return Outcome(refused_with, None if found is None else _from_view(found))


def _put(driver: ApiDriver, link: str, data: bytes, headers: dict[str, str]) -> int | None:
    if not isinstance(driver, HttpDriver):
        driver.put_object(link, data, headers)  # asserts that the storage took it
        return None
    response = httpx.put(link, content=data, headers=headers, timeout=60)
    if response.status_code in (200, 201, 204):
        return None
    assert response.status_code < 500, f"the upload answered {response.status_code}"
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.status_code


def _through_use_cases(driver: CoreDriver, owner: str, serial: str, data: bytes) -> Outcome:
    caller = driver.caller(owner)
    upload = driver.c.start_bundle_upload()(StartBundleUploadCommand(caller, serial))
    driver.c.ports.blobs().put(upload.upload_link, data)
    bundle = driver.c.get_bundle()(GetBundleQuery(caller, upload.bundle.id))
    return Outcome(None, None if bundle.report is None else _from_domain(bundle.report))


def _from_view(view: dict[str, object]) -> Report:
    rejected = view["rejected"]
    assert isinstance(rejected, list)
    return Report(
        int(str(view["accepted"])),
        int(str(view["duplicates"])),
        int(str(view["quarantined"])),
        tuple((r["line"], r["field"], r["reason"]) for r in rejected),
    )


def _from_domain(report: DeliveryReport) -> Report:
    rejected = tuple((r.position, r.field, r.reason) for r in report.rejected)
    return Report(report.accepted, report.duplicates, report.quarantined, rejected)


# Hostile content


def gzip_of_zeros(mebibytes: int) -> bytes:
    """gzip of that many MiB of zero bytes, made without ever holding them inflated: after a
    full flush deflate starts afresh, so every MiB compresses to the same block."""
    deflater, mib = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS), bytes(1 << 20)
    block = deflater.compress(mib) + deflater.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(mib, crc)
    trailer = struct.pack("<II", crc, (mebibytes << 20) & 0xFFFFFFFF)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, no time
    return header + block * mebibytes + deflater.flush() + trailer
