"""An owner erases their account: every pet, reading, photo, bundle, grant, phone and live
connection of theirs goes, on every store, and the tokens they hold stop working.

The order makes a retry after a failure midway finish the job:

1. The tombstone first (ErasedAccounts): from then on the owner's tokens, and those of apps
   acting for them, are refused everywhere but here, so nothing new arrives through the API.
2. Each pet: its trackers' quarantine, then the trackers (unpaired: their later readings go
   to quarantine like any unpaired tracker's), the announcement claims its days left, its
   readings and totals, its photo, and the pet last, since the pet is what leads to the rest.
3. The owner's exports, bundles (object, then record), grants, phones (each one's push registration,
   then the registry), live connections, settings, and last the user in the identity
   provider, so that the owner can still ask again until everything else is gone.

Every step deletes what is there and does nothing when it is gone, so asking again is safe.
Last, the store of the tombstones drops the copies of deleted data it keeps (SQLite's log).
"""

from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.access import GrantRepository
from application.ports.activity import ActivityLedger
from application.ports.apps import Authorizations, Subscriptions
from application.ports.blobs import BlobStore
from application.ports.bundles import BundleRepository
from application.ports.identity import ErasedAccounts, UserDirectory
from application.ports.notifications import AnnouncementLog, LiveUpdates, PushNotifier
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from application.ports.phones import PhoneRegistry
from application.ports.quarantine import QuarantineStore
from application.ports.trackers import TrackerRepository
from application.use_cases.photo_links import photo_key
from domain import exports
from domain.access import Caller
from domain.erasure import announcement_keys
from domain.pets import Pet


@attrs.frozen
class DeleteAccountCommand:
    caller: Caller


class PetErasure:
    """Erases an owner's pets and all that hangs on them."""

    def __init__(
        self,
        pets: PetRepository,
        trackers: TrackerRepository,
        quarantine: QuarantineStore,
        ledger: ActivityLedger,
        announcements: AnnouncementLog,
        blobs: BlobStore,
    ) -> None:
        self._pets, self._trackers, self._quarantine = pets, trackers, quarantine
        self._ledger, self._announcements, self._blobs = ledger, announcements, blobs

    def __call__(self, owner_id: str) -> None:
        for pet in self._pets.of_owner(owner_id):
            self.erase(pet)

    def erase(self, pet: Pet) -> None:
        """One pet and all that hangs on it (the pet last: it is what leads to the rest)."""
        self._unpair(pet)
        self._forget_activity(pet)
        self._blobs.delete(photo_key(pet.id))
        self._pets.remove(pet.id)

    def _unpair(self, pet: Pet) -> None:
        for tracker in self._trackers.of_pet(pet.id):
            self._quarantine.forget(tracker.serial)
            self._trackers.remove(tracker.serial)

    def _forget_activity(self, pet: Pet) -> None:
        for day in self._ledger.days(pet.id):
            readings = self._ledger.readings(pet.id, day)
            for key in announcement_keys(pet.id, day, readings, pet.safe_zone):
                self._announcements.release(key)
        self._ledger.forget(pet.id)


class AccountErasure:
    """Erases what the owner has beside pets, and the owner's user last."""

    def __init__(
        self,
        bundles: BundleRepository,
        blobs: BlobStore,
        grants: GrantRepository,
        phones: PhoneRegistry,
        push: PushNotifier,
        live: LiveUpdates,
        owners: OwnerRepository,
        users: UserDirectory,
        authorizations: Authorizations,
        subscriptions: Subscriptions,
    ) -> None:
        self._bundles, self._blobs, self._grants = bundles, blobs, grants
        self._authorizations, self._subscriptions = authorizations, subscriptions
        self._phones, self._push, self._live = phones, push, live
        self._owners, self._users = owners, users

    def __call__(self, owner_id: str) -> None:
        self._blobs.delete_under(exports.owner_folder(owner_id) + "/")
        for bundle in self._bundles.of_owner(owner_id):
            self._blobs.delete(bundle.blob_key)
            self._bundles.remove(bundle.id)
        for grant in self._grants.of_owner(owner_id):  # the grant last: a retry finds it again
            self._authorizations.disconnect(owner_id, grant.app_id)
            self._subscriptions.unwatch(owner_id, grant.app_id)
            self._grants.revoke(owner_id, grant.app_id)
        for phone in self._phones.of_owner(owner_id):
            self._push.forget(phone)
        self._phones.remove_all(owner_id)
        self._live.close_connections(owner_id)
        self._owners.remove(owner_id)
        self._users.remove(owner_id)


class DeleteAccount:
    """The owner in person erases their account (apps never may). Safe to ask again."""

    def __init__(self, erased: ErasedAccounts, pets: PetErasure, rest: AccountErasure) -> None:
        self._erased, self._pets, self._rest = erased, pets, rest

    def __call__(self, command: DeleteAccountCommand) -> None:
        require_owner_in_person(command.caller)
        owner_id = command.caller.user_id
        self._erased.mark(owner_id)
        self._pets(owner_id)
        self._rest(owner_id)
        self._erased.finished(owner_id)
