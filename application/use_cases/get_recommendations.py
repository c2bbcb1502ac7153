from __future__ import annotations

from collections.abc import Sequence

import attrs

from application.authorization import PetAccess
from application.ports.activity import ActivityLedger
from application.ports.clock import Clock
from application.ports.content import ArticleRepository
from application.ports.owners import OwnerRepository
from domain.access import Caller, Scope
from domain.clockwork import local_day
from domain.recommendations import (
    DEFAULT_TITLES,
    Advice,
    Recommendation,
    recommend,
    the_week_before,
)


@attrs.frozen
class GetRecommendationsQuery:
    caller: Caller
    pet_id: str
    languages: Sequence[str] = ()  # the reader's, most wanted first: the articles' titles


class GetRecommendations:
    """The recommendations for a pet now, titled by the CMS article tagged with each code."""

    def __init__(
        self,
        ledger: ActivityLedger,
        articles: ArticleRepository,
        owners: OwnerRepository,
        access: PetAccess,
        clock: Clock,
    ) -> None:
        self._ledger, self._articles, self._owners = ledger, articles, owners
        self._access, self._clock = access, clock

    def __call__(self, query: GetRecommendationsQuery) -> list[Recommendation]:
        pet = self._access.readable(query.caller, query.pet_id, Scope.ACTIVITY)
        now = self._clock.now()
        first, last = the_week_before(local_day(now, self._owners.get(pet.owner_id).time_zone))
        week = self._ledger.totals(pet.id, first, last)
        codes = recommend(pet, now, week, self._ledger.signals(pet.id))
        titles = {code: self._title(code, query.languages) for code in codes}
        return [Recommendation(code, titles[code]) for code in sorted(codes)]

    def _title(self, code: Advice, languages: Sequence[str]) -> str:
        articles = self._articles.tagged(code)
        return articles[0].in_language(languages).title if articles else DEFAULT_TITLES[code]
