from __future__ import annotations

from application import tracing
from application.delivery_telemetry import report_fields, report_metrics
from application.intake import ReadingIntake
from application.ports.blobs import BlobStore
from application.ports.bundles import BundleRepository
from application.ports.clock import Clock
from application.ports.messaging import ProcessBundle
from application.ports.telemetry import LogEvent, Metric, Telemetry
from domain.bundles import MAX_BUNDLE_BYTES, Bundle, BundleStatus, parse_bundle
from domain.errors import InvalidInput, NotFound
from domain.readings import DeliveryReport


class ProcessBundleJob:
    """Records a bundle's readings line by line. Running it again for a processed bundle does nothing."""

    def __init__(
        self,
        bundles: BundleRepository,
        blobs: BlobStore,
        intake: ReadingIntake,
        clock: Clock,
        telemetry: Telemetry,
    ) -> None:
        self._bundles, self._blobs, self._intake, self._clock = bundles, blobs, intake, clock
        self._telemetry = telemetry

    def __call__(self, job: ProcessBundle) -> Bundle:
        tracing.annotate(bundle_id=job.bundle_id)
        bundle = self._bundles.get(job.bundle_id)
        if bundle is None:
            raise NotFound(f"no bundle {job.bundle_id!r}")
        tracing.annotate(tracker_id=bundle.tracker, owner_id=bundle.owner_id)
        if bundle.status is BundleStatus.PROCESSED:
            return bundle
        # One byte past the cap is enough to know that a bundle is too large.
        data = self._blobs.read_at_most(bundle.blob_key, MAX_BUNDLE_BYTES + 1)
        if data is None:
            raise NotFound(f"bundle {bundle.id!r} has not been uploaded")
        report = self._report(bundle, data)
        processed = bundle.processed(report)
        self._bundles.save(processed)
        metrics = report_metrics(report) | {Metric.BUNDLES_PROCESSED: 1}
        self._telemetry.record(LogEvent.BUNDLE_PROCESSED, metrics, **report_fields(report))
        return processed

    def _report(self, bundle: Bundle, data: bytes) -> DeliveryReport:
        try:
            parsed = parse_bundle(bundle.tracker, data, self._clock.now())
        except InvalidInput as error:
            return DeliveryReport.refused_whole(error)
        refused = [(r, parsed.raw_lines.get(r.position)) for r in parsed.rejections]
        readings = [reading for _, reading in parsed.readings]
        # The bundle's id as the readings' origin: a run of the job again (redelivered after a
        # failure, or at the same time as this one) reports the readings this run stored as
        # accepted, so every run reports the same, whichever saves last.
        return self._intake.take(bundle.tracker, readings, refused, origin=bundle.id)
