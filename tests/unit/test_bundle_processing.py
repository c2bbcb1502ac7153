"""Processing a bundle: read within the cap, gzip or not; a refused bundle counts none of its lines."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from application.ports.blobs import BlobStore, UploadLink, checked_limit
from application.ports.messaging import ProcessBundle
from application.use_cases.process_bundle import ProcessBundleJob
from domain import bundles
from domain.pets import Pet
from domain.readings import DeliveryReport

from .conftest import ALICE, Core

YESTERDAY = date(2026, 11, 20)
LINE = b'{"time": "2026-11-20T07:00:00Z", "steps": 1000}\n'


class EndlessBlobs(BlobStore):
    """Every object is endless: reading one whole never ends, a bounded read gives its start."""

    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> UploadLink:
        return UploadLink(f"endless://{key}", {})

    def download_link(self, key: str, valid_for: timedelta) -> str:
        return f"endless://{key}"

    def read(self, key: str) -> bytes | None:
        raise MemoryError("an endless object does not fit in memory")

    def read_at_most(self, key: str, limit: int) -> bytes | None:
        return (LINE * (checked_limit(limit) // len(LINE) + 1))[:limit]

    def exists(self, key: str) -> bool:
        return True

    def delete(self, key: str) -> None:
        raise NotImplementedError("an endless object is never deleted here")

    def write_stream(self, key: str, chunks: Iterable[bytes], content_type: str) -> None:
        raise NotImplementedError("an endless object is never written here")

    def delete_under(self, prefix: str) -> int:
        raise NotImplementedError("an endless object is never deleted here")

    def is_store(self, name: str) -> bool:
        return name == "endless"


def lines(*times: str) -> bytes:
    return b"".join(b'{"time": "2026-11-20T%s:00Z", "steps": 100}\n' % t.encode() for t in times)


def process(core: Core, data: bytes, blobs: BlobStore | None = None) -> tuple[object, ...]:
    bundle = core.upload_bundle(ALICE, "TRK-001", [])
    core.blobs.put(core.blobs.upload_link(bundle.blob_key, "x", timedelta(minutes=1)), data)
    job = ProcessBundleJob(
        core.bundles, blobs or core.blobs, core.intake, core.clock, core.telemetry
    )
    report = job(ProcessBundle(bundle.id)).report
    assert report is not None
    return report.accepted, report.duplicates, [(r.position, r.field) for r in report.rejected]


def test_an_endless_bundle_is_read_to_the_cap_and_refused(core: Core, rex: Pet) -> None:
    refused = process(core, b"", EndlessBlobs())
    assert refused == (0, 0, [(0, "bundle")])
    assert core.steps(ALICE, rex, YESTERDAY) == 0


def test_a_gzip_bundle_counts_as_its_lines_do(core: Core, rex: Pet) -> None:
    assert process(core, gzip.compress(lines("07:00", "07:05"))) == (2, 0, [])
    assert process(core, lines("07:05", "07:10")) == (1, 1, [])
    assert core.steps(ALICE, rex, YESTERDAY) == 300


def test_a_refused_bundle_counts_none_of_its_lines(
    core: Core, rex: Pet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundles, "MAX_LINES", 2)
    assert process(core, lines("07:00", "07:05", "07:10")) == (0, 0, [(0, "bundle")])
    assert process(core, gzip.compress(lines("07:00")) + b"trailing") == (0, 0, [(0, "bundle")])
    assert core.steps(ALICE, rex, YESTERDAY) == 0
    assert process(core, lines("07:00", "07:05")) == (2, 0, [])


def test_a_bundle_run_again_after_a_failure_reports_what_one_run_would(
    core: Core, rex: Pet
) -> None:
    """The first run stores every reading, then fails to save its report; the job's redelivery
    reports the readings as the bundle's own and shows the owner's open app the day again.
    Another bundle with the same lines finds them duplicates and changes nothing."""
    sent = ["07:00", "07:05", "07:05", "07:10"]
    bundle = core.upload_bundle(ALICE, "TRK-001", [lines(time).decode().strip() for time in sent])
    core.listen(ALICE)
    save = core.bundles.save
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(core.bundles, "save", lambda _: (_ for _ in ()).throw(ConnectionError()))
        with pytest.raises(ConnectionError):
            core.process_bundle(bundle)
    assert core.bundles.save == save
    assert core.process_bundle(bundle).report == DeliveryReport(accepted=3, duplicates=1)
    assert core.steps(ALICE, rex, YESTERDAY) == 300
    assert [update.steps for update in core.live.published] == [300, 300]
    assert process(core, lines(*sent)) == (0, 4, [])
    assert len(core.live.published) == 2
