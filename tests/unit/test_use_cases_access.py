"""Use cases on the in-memory adapters: who sees which pet, and what apps may read."""

from __future__ import annotations

from datetime import date

import pytest

from adapters.local.memory_articles import InMemoryArticleRepository
from application.use_cases.get_daily_activity import GetDailyActivity, GetDailyActivityQuery
from application.use_cases.get_location_history import GetLocationHistory, GetLocationHistoryQuery
from application.use_cases.get_pet import GetPet, GetPetQuery
from application.use_cases.get_profile import GetProfile, GetProfileQuery
from application.use_cases.get_recommendations import GetRecommendations, GetRecommendationsQuery
from application.use_cases.grant_access import GrantAccess, GrantAccessCommand
from application.use_cases.list_grants import ListGrants, ListGrantsQuery
from application.use_cases.list_pets import ListPets, ListPetsQuery
from application.use_cases.register_app import RegisterApp, RegisterAppCommand
from application.use_cases.revoke_access import RevokeAccess, RevokeAccessCommand
from application.use_cases.set_step_goal import SetStepGoal, SetStepGoalCommand
from domain.access import App, AppAccess, Caller, Grant, Scope
from domain.errors import AccessDenied, Conflict, NotFound
from domain.pets import Pet
from domain.recommendations import Recommendation

from .conftest import ALICE, BOB, OPS, Core, reading

DAY = date(2026, 11, 20)


@pytest.fixture
def vet(core: Core, rex: Pet) -> App:
    core.report("TRK-001", reading("2026-11-20T08:00:00Z", 2000, latitude=52.52, longitude=13.405))
    return RegisterApp(core.apps)(RegisterAppCommand(OPS, "VetConnect"))


def grant(core: Core, app: App, *scopes: str) -> None:
    GrantAccess(core.apps, core.grants, core.subscriptions)(
        GrantAccessCommand(ALICE, app.id, scopes)
    )


def as_app(app: App, owner: Caller = ALICE) -> Caller:
    return Caller(owner.user_id, app_id=app.id)


def activity(core: Core, caller: Caller, pet: Pet) -> int:
    return GetDailyActivity(core.ledger, core.access)(
        GetDailyActivityQuery(caller, pet.id, DAY)
    ).steps


def locations(core: Core, caller: Caller, pet: Pet) -> int:
    query = GetLocationHistoryQuery(caller, pet.id, DAY)
    return len(GetLocationHistory(core.ledger, core.access)(query))


def test_another_owners_pet_answers_as_a_missing_one(core: Core, rex: Pet) -> None:
    with pytest.raises(NotFound) as hidden:
        GetPet(core.access)(GetPetQuery(BOB, rex.id))
    with pytest.raises(NotFound) as missing:
        GetPet(core.access)(GetPetQuery(BOB, "no-such-pet"))
    assert str(hidden.value) == str(missing.value) == "there is no such pet"
    assert ListPets(core.pets, core.access)(ListPetsQuery(BOB)) == []


def test_another_owner_can_neither_read_nor_change_the_pet(core: Core, rex: Pet) -> None:
    for attempt in (
        lambda: activity(core, BOB, rex),
        lambda: locations(core, BOB, rex),
        lambda: SetStepGoal(core.recounted_change)(SetStepGoalCommand(BOB, rex.id, 5000)),
        lambda: core.pair(BOB, rex, "TRK-002"),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert core.pets.get(rex.id) == rex


def test_a_tracker_of_another_owners_pet_stays_paired(core: Core, rex: Pet) -> None:
    bello = core.register_pet(BOB, "Bello", kg=30)
    with pytest.raises(Conflict):
        core.pair(BOB, bello, "TRK-001")
    assert core.trackers.get("TRK-001").pet_id == rex.id  # type: ignore[union-attr]


def test_an_app_without_a_grant_gets_not_found(core: Core, vet: App, rex: Pet) -> None:
    with pytest.raises(NotFound):
        activity(core, as_app(vet), rex)
    assert ListPets(core.pets, core.access)(ListPetsQuery(as_app(vet))) == []


def test_an_app_reads_only_what_it_was_granted(core: Core, vet: App, rex: Pet) -> None:
    grant(core, vet, "activity:read")
    assert activity(core, as_app(vet), rex) == 2000
    with pytest.raises(NotFound):
        locations(core, as_app(vet), rex)
    with pytest.raises(NotFound):
        GetPet(core.access)(GetPetQuery(as_app(vet), rex.id))


def test_an_app_never_changes_a_pet(core: Core, vet: App, rex: Pet) -> None:
    grant(core, vet, "activity:read", "location:read", "profile:read")
    with pytest.raises(NotFound):
        SetStepGoal(core.recounted_change)(SetStepGoalCommand(as_app(vet), rex.id, 5000))
    with pytest.raises(NotFound):  # an app changes nothing: the grant route is not there for it
        GrantAccess(core.apps, core.grants, core.subscriptions)(
            GrantAccessCommand(as_app(vet), vet.id, ["profile:read"])
        )


def test_revoking_takes_effect_at_once(core: Core, vet: App, rex: Pet) -> None:
    grant(core, vet, "activity:read", "location:read")
    assert (activity(core, as_app(vet), rex), locations(core, as_app(vet), rex)) == (2000, 1)
    RevokeAccess(core.grants, core.authorizations, core.subscriptions, core.jobs, core.clock)(
        RevokeAccessCommand(ALICE, vet.id)
    )
    with pytest.raises(NotFound):
        activity(core, as_app(vet), rex)
    assert (
        ListGrants(core.apps, core.grants, core.authorizations, core.subscriptions)(
            ListGrantsQuery(ALICE)
        )
        == []
    )


def test_owners_see_who_may_read_what(core: Core, vet: App) -> None:
    grant(core, vet, "activity:read", "location:read")
    scopes = frozenset({Scope.ACTIVITY, Scope.LOCATION})
    found = ListGrants(core.apps, core.grants, core.authorizations, core.subscriptions)(
        ListGrantsQuery(ALICE)
    )
    assert found == [AppAccess(vet, Grant("alice", vet.id, scopes))]


def test_a_grant_from_one_owner_opens_nothing_of_another(core: Core, vet: App) -> None:
    bello = core.register_pet(BOB, "Bello", kg=30)
    grant(core, vet, "activity:read", "location:read", "profile:read")
    for caller in (as_app(vet), as_app(vet, BOB)):
        with pytest.raises(NotFound):
            GetPet(core.access)(GetPetQuery(caller, bello.id))


def test_a_silent_tracker_with_a_low_battery(core: Core, rex: Pet) -> None:
    core.report("TRK-001", reading("2026-11-19T09:00:00Z", 10, battery=11))
    recommendations = GetRecommendations(
        core.ledger, InMemoryArticleRepository(), core.owners, core.access, core.clock
    )(GetRecommendationsQuery(ALICE, rex.id))
    assert recommendations == [
        Recommendation("charge-tracker", "Charge the tracker"),
        Recommendation("tracker-offline", "The tracker has gone quiet"),
    ]


def test_an_app_reads_the_owners_profile_only_with_profile_read(core: Core, vet: App) -> None:
    profile = GetProfile(core.owners, core.access)
    grant(core, vet, "activity:read", "location:read")
    with pytest.raises(AccessDenied):
        profile(GetProfileQuery(as_app(vet)))
    grant(core, vet, "profile:read")
    assert profile(GetProfileQuery(as_app(vet))) == profile(GetProfileQuery(ALICE))
