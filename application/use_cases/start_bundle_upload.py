from __future__ import annotations

from datetime import timedelta

import attrs

from application.authorization import hidden_from_apps
from application.ports.blobs import BlobStore, UploadLink
from application.ports.bundles import BundleRepository
from application.ports.trackers import TrackerRepository
from domain.access import Caller
from domain.bundles import Bundle
from domain.errors import NotFound
from domain.trackers import checked_serial

LINK_LIFETIME = timedelta(minutes=15)
BUNDLE_TYPE = "application/x-ndjson"


@attrs.frozen
class StartBundleUploadCommand:
    caller: Caller
    tracker: str


@attrs.frozen
class BundleUpload:
    bundle: Bundle
    upload_link: UploadLink


class StartBundleUpload:
    """Only the owner of the pet a tracker is paired with may upload bundles for it."""

    def __init__(
        self, bundles: BundleRepository, trackers: TrackerRepository, blobs: BlobStore
    ) -> None:
        self._bundles, self._trackers, self._blobs = bundles, trackers, blobs

    def __call__(self, command: StartBundleUploadCommand) -> BundleUpload:
        hidden_from_apps(command.caller, "tracker")
        serial = checked_serial(command.tracker)
        tracker = self._trackers.get(serial)
        if tracker is None or tracker.owner_id != command.caller.user_id:
            raise NotFound("there is no such tracker")
        bundle = Bundle.start(serial, command.caller.user_id)
        self._bundles.save(bundle)
        link = self._blobs.upload_link(bundle.blob_key, BUNDLE_TYPE, LINK_LIFETIME)
        return BundleUpload(bundle, link)
