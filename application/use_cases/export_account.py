"""The export job: everything Pawtrack holds about an owner, written as one gzip JSON Lines file
while it is read (a pet-day of readings at a time), then a push to the owner's phones."""

from __future__ import annotations

import json
from collections.abc import Iterator

from application import tracing
from application.ports.access import GrantRepository
from application.ports.activity import ActivityLedger
from application.ports.blobs import BlobStore
from application.ports.messaging import ExportAccount
from application.ports.notifications import AnnouncementLog, PushNotifier
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from application.ports.phones import PhoneRegistry
from application.ports.trackers import TrackerRepository
from domain import exports
from domain.pets import Pet


class ExportRecords:
    """The owner's records as JSON objects, one a line: profile, then each pet with its weights,
    trackers and readings (day by day), then grants and phones (device tokens left out: they
    are the push service's handles, not the owner's data)."""

    def __init__(
        self,
        owners: OwnerRepository,
        pets: PetRepository,
        trackers: TrackerRepository,
        ledger: ActivityLedger,
        grants: GrantRepository,
        phones: PhoneRegistry,
    ) -> None:
        self._owners, self._pets, self._trackers = owners, pets, trackers
        self._ledger, self._grants, self._phones = ledger, grants, phones

    def __call__(self, owner_id: str) -> Iterator[dict[str, object]]:
        owner = self._owners.get(owner_id)
        yield {"type": "profile", "id": owner.id, "time_zone": owner.time_zone}
        for pet in self._pets.of_owner(owner_id):
            yield from self._pet(pet)
        for grant in self._grants.of_owner(owner_id):
            scopes = sorted(scope.value for scope in grant.scopes)
            yield {"type": "grant", "app_id": grant.app_id, "scopes": scopes}
        for phone in self._phones.of_owner(owner_id):
            yield {"type": "phone", "name": phone.name, "platform": phone.platform.value}

    def _pet(self, pet: Pet) -> Iterator[dict[str, object]]:
        zone = pet.safe_zone
        yield {
            "type": "pet",
            "id": pet.id,
            "name": pet.name,
            "species": pet.species.value,
            "daily_step_goal": pet.daily_step_goal,
            "safe_zone": None
            if zone is None
            else {
                "latitude": zone.centre.latitude,
                "longitude": zone.centre.longitude,
                "radius_m": zone.radius_m,
            },
        }
        for weight in pet.weights:
            yield {
                "type": "weight",
                "pet_id": pet.id,
                "day": weight.day.isoformat(),
                "kg": weight.kg,
            }
        for tracker in self._trackers.of_pet(pet.id):
            yield {"type": "tracker", "serial": tracker.serial, "pet_id": pet.id}
        for day in self._ledger.days(pet.id):
            for reading in self._ledger.readings(pet.id, day):
                yield {
                    "type": "reading",
                    "pet_id": pet.id,
                    "tracker": reading.tracker,
                } | reading.to_raw()


class ExportAccountJob:
    """Writes the export, then says so once on every phone of the owner. Run again (the queue
    delivers at least once) it writes the same file again and pushes nothing more."""

    def __init__(
        self,
        records: ExportRecords,
        blobs: BlobStore,
        phones: PhoneRegistry,
        push: PushNotifier,
        announcements: AnnouncementLog,
    ) -> None:
        self._records, self._blobs = records, blobs
        self._phones, self._push, self._announcements = phones, push, announcements

    def __call__(self, job: ExportAccount) -> None:
        tracing.annotate(owner_id=job.owner_id)
        lines = (json.dumps(record) for record in self._records(job.owner_id))
        key = exports.export_key(job.owner_id, job.export_id)
        self._blobs.write_stream(key, exports.gzipped(lines), exports.CONTENT_TYPE)
        self._blobs.delete(exports.request_key(job.owner_id, job.export_id))
        self._say_ready(job)

    def _say_ready(self, job: ExportAccount) -> None:
        if not self._announcements.claim(exports.ready_key(job.export_id)):
            return
        try:
            for phone in self._phones.of_owner(job.owner_id):
                self._push.send(phone, exports.READY_TEXT)
        except Exception:
            self._announcements.release(exports.ready_key(job.export_id))
            raise
