"""DeleteAccount on the in-memory adapters: everything of the owner goes, nothing of others,
their tokens stop working, and a retry after a failure midway finishes the job."""

from __future__ import annotations

from datetime import date

import pytest

from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.local.memory_erased_accounts import InMemoryErasedAccounts
from adapters.local.memory_user_directory import InMemoryUserDirectory
from application.ports.identity import IdentityVerifier
from application.use_cases.authenticate import Authenticate, AuthenticateQuery
from application.use_cases.delete_account import (
    AccountErasure,
    DeleteAccount,
    DeleteAccountCommand,
    PetErasure,
)
from application.use_cases.grant_access import GrantAccess, GrantAccessCommand
from application.use_cases.photo_links import photo_key
from application.use_cases.register_app import RegisterApp, RegisterAppCommand
from domain import exports
from domain.access import Caller, User
from domain.announcements import battery_key, goal_key
from domain.clockwork import parse_instant
from domain.erasure import announcement_keys, erased_account_key
from domain.errors import AccessDenied, Unauthenticated
from domain.owners import Owner
from domain.pets import Pet
from domain.readings import DeliveryReport, Reading

from .conftest import ALICE, BOB, OPS, Core, reading

DAY = date(2026, 11, 21)
ALICE_DAY = [
    reading("2026-11-21T08:00:00Z", 9000, battery=10, latitude=52.52, longitude=13.405),
    reading("2026-11-21T09:00:00Z", 100, battery=90),
]


class Tokens(IdentityVerifier):
    """A token is the caller's name, or "<name>@<app>" for an app acting for them."""

    def verify(self, token: str) -> Caller:
        user, _, app = token.partition("@")
        return Caller(user, app_id=app or None)


class FailingOnce(InMemoryBlobStore):
    """Object storage whose first delete fails, as a network would."""

    failed = False

    def delete(self, key: str) -> None:
        if not self.failed:
            self.failed = True
            raise ConnectionError("storage is unreachable")
        super().delete(key)


class Account:
    """Core, plus the identity provider's users, the tombstones and the erasure."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.users, self.erased = InMemoryUserDirectory(), InMemoryErasedAccounts()
        self.authenticate = Authenticate(Tokens(), self.erased, core.authorizations, core.clock)
        for user in (ALICE, BOB):
            self.users.add(User(user.user_id, user.user_id))

    def delete(self, caller: Caller = ALICE) -> None:
        c = self.core
        pets = PetErasure(c.pets, c.trackers, c.quarantine, c.ledger, c.log, c.blobs)
        rest = AccountErasure(
            c.bundles, c.blobs, c.grants, c.phones, c.push, c.live, c.owners, self.users,
            c.authorizations, c.subscriptions,
        )  # fmt: skip
        DeleteAccount(self.erased, pets, rest)(DeleteAccountCommand(caller))


@pytest.fixture
def account(core: Core, rex: Pet) -> Account:
    """Alice with Rex on TRK-001, readings, a quarantined one, a photo, a bundle, a time zone,
    a grant, a phone that was notified, a live connection; Bob with the same of his own."""
    core.owners.save(Owner("alice", "Europe/Berlin"))
    bello = core.register_pet(BOB, "Bello")
    core.pair(BOB, bello, "TRK-002")
    app = RegisterApp(core.apps)(RegisterAppCommand(OPS, "VetConnect"))
    for owner, serial, pet in ((ALICE, "TRK-001", rex), (BOB, "TRK-002", bello)):
        core.register_phone(owner, f"{owner.user_id}-phone")
        core.report(serial, *ALICE_DAY, reading("2026-11-21T09:30:00Z", steps=-1))
        core.blobs._objects[photo_key(pet.id)] = b"\xff\xd8photo"
        core.process_bundle(core.upload_bundle(owner, serial, ['{"time": "x", "steps": 1}']))
        GrantAccess(core.apps, core.grants, core.subscriptions)(
            GrantAccessCommand(owner, app.id, ["activity:read"])
        )
    return Account(core)


def test_everything_of_the_owner_is_erased(account: Account, rex: Pet) -> None:
    core, bundles = account.core, account.core.bundles.of_owner("alice")
    assert core.ledger.days(rex.id) == [DAY] and core.push.sent("alice") and bundles
    account.delete()
    assert core.pets.of_owner("alice") == [] and core.pets.get(rex.id) is None
    assert core.trackers.get("TRK-001") is None
    assert core.ledger.days(rex.id) == [] and core.ledger.readings(rex.id, DAY) == []
    assert core.ledger.totals(rex.id, DAY, DAY) == {}
    assert core.quarantine.list(core.clock.now(), "TRK-001") == []
    assert core.log.claim(goal_key(rex.id, DAY)), "the goal claim was left"
    assert core.log.claim(battery_key("TRK-001", "2026-11-21T08:00:00Z")), "a battery claim"
    assert not core.blobs.exists(photo_key(rex.id))
    assert core.bundles.of_owner("alice") == [] and not core.blobs.exists(bundles[0].blob_key)
    assert core.grants.of_owner("alice") == []
    assert core.phones.of_owner("alice") == [] and core.push.sent("alice") == []
    assert core.live.closed == ["alice"]
    assert core.owners.get("alice") == Owner("alice")
    assert [user.id for user in account.users.list_users()] == ["bob"]


def test_the_owners_exports_go_and_anothers_stay(account: Account) -> None:
    core = account.core
    for owner in ("alice", "bob"):
        for state in (exports.export_key(owner, "a" * 32), exports.request_key(owner, "b" * 32)):
            core.blobs.write_stream(state, [b"x"], exports.CONTENT_TYPE)
    account.delete()
    assert not core.blobs.exists(exports.export_key("alice", "a" * 32))
    assert not core.blobs.exists(exports.request_key("alice", "b" * 32))
    assert core.blobs.exists(exports.export_key("bob", "a" * 32))


def test_nothing_of_another_owner_goes(account: Account) -> None:
    core = account.core
    account.delete()
    (bello,) = core.pets.of_owner("bob")
    assert core.trackers.get("TRK-002") is not None
    assert core.steps(BOB, bello, DAY) == 9100
    assert len(core.quarantine.list(core.clock.now(), "TRK-002")) == 2  # a reading, a line
    assert not core.log.claim(goal_key(bello.id, DAY)), "Bob's goal would be announced again"
    assert core.blobs.exists(photo_key(bello.id)) and len(core.bundles.of_owner("bob")) == 1
    assert len(core.grants.of_owner("bob")) == 1 and len(core.phones.of_owner("bob")) == 1
    assert len(core.push.sent("bob")) == 2  # the goal and the low battery


def test_the_erased_owners_tracker_is_unpaired_so_its_readings_go_to_quarantine(
    account: Account, rex: Pet
) -> None:
    account.delete()
    report = account.core.report("TRK-001", reading("2026-11-21T09:45:00Z", 500))
    assert report == DeliveryReport(quarantined=1)
    assert account.core.ledger.days(rex.id) == []


def test_the_owners_tokens_and_their_apps_are_refused_from_then_on(account: Account) -> None:
    assert account.authenticate(AuthenticateQuery("alice")) == ALICE
    account.delete()
    for token in ("alice", "alice@vet"):
        with pytest.raises(Unauthenticated):
            account.authenticate(AuthenticateQuery(token))
    assert account.authenticate(AuthenticateQuery("bob")) == BOB
    assert account.authenticate(AuthenticateQuery("alice", erased_may_finish=True)) == ALICE


def test_asking_again_after_a_failure_midway_finishes_the_job(core: Core, rex: Pet) -> None:
    core.blobs = FailingOnce(core.clock)
    core.blobs._objects[photo_key(rex.id)] = b"photo"
    core.register_phone(ALICE, "alice-phone")
    account = Account(core)
    with pytest.raises(ConnectionError):
        account.delete()
    assert account.erased.is_erased("alice"), "the tombstone comes first"
    assert core.trackers.get("TRK-001") is None, "the tracker is unpaired before the photo goes"
    assert core.pets.get(rex.id) is not None, "the pet stays until its photo has gone"
    account.delete()
    assert core.pets.get(rex.id) is None and not core.blobs.exists(photo_key(rex.id))
    assert core.phones.of_owner("alice") == []
    assert [user.id for user in account.users.list_users()] == ["bob"]


def test_deleting_an_account_twice_changes_nothing_more(account: Account) -> None:
    account.delete()
    account.delete()
    assert account.core.pets.of_owner("alice") == []


def test_apps_cannot_delete_the_account_they_act_for(account: Account, rex: Pet) -> None:
    with pytest.raises(AccessDenied):
        account.delete(Caller("alice", app_id="vet"))
    assert account.core.pets.get(rex.id) is not None
    assert not account.erased.is_erased("alice")


def test_the_tombstone_keeps_a_digest_of_the_id_not_the_id() -> None:
    assert erased_account_key("alice") == erased_account_key("alice")
    assert erased_account_key("alice") != erased_account_key("bob")
    assert "alice" not in erased_account_key("alice") and len(erased_account_key("alice")) == 64


def test_the_announcement_keys_of_a_day_are_its_goal_and_its_low_batteries() -> None:
    def at(time: str, battery: int | None) -> Reading:
        return Reading("TRK-1", parse_instant(time), 10, battery=battery)

    readings = [at("2026-11-21T08:00:00+01:00", 9), at("2026-11-21T09:00:00Z", 15)]
    assert announcement_keys("rex", DAY, [*readings, at("2026-11-21T10:00:00Z", None)]) == [
        "goal:rex:2026-11-21",
        "battery:TRK-1:2026-11-21T07:00:00Z",
    ]
