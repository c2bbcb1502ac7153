"""AnnouncementLog: the first claim of a key wins, once, until released."""

from __future__ import annotations

from application.ports.notifications import AnnouncementLog

from .concurrency import all_at_once


def test_only_the_first_claim_of_a_key_wins(announcements: AnnouncementLog) -> None:
    assert announcements.claim("goal:pet-1:2026-11-20") is True
    assert announcements.claim("goal:pet-1:2026-11-20") is False
    assert announcements.claim("goal:pet-1:2026-11-20") is False


def test_keys_are_claimed_independently(announcements: AnnouncementLog) -> None:
    assert announcements.claim("goal:pet-1:2026-11-20") is True
    assert announcements.claim("goal:pet-1:2026-11-21") is True
    assert announcements.claim("battery:T-1:2026-11-20T08:00:00Z") is True


def test_a_released_claim_can_be_made_again(announcements: AnnouncementLog) -> None:
    announcements.claim("goal:pet-1:2026-11-20")
    announcements.claim("goal:pet-2:2026-11-20")
    announcements.release("goal:pet-1:2026-11-20")
    assert announcements.claim("goal:pet-1:2026-11-20") is True
    assert announcements.claim("goal:pet-1:2026-11-20") is False
    assert announcements.claim("goal:pet-2:2026-11-20") is False


def test_releasing_a_key_never_claimed_does_nothing(announcements: AnnouncementLog) -> None:
    announcements.release("goal:pet-1:2026-11-20")
    assert announcements.claim("goal:pet-1:2026-11-20") is True


def test_of_concurrent_claims_exactly_one_wins(announcements: AnnouncementLog) -> None:
    key = "goal:pet-1:2026-11-20"
    outcomes = all_at_once([lambda: announcements.claim(key)] * 8)
    assert sorted(outcomes) == [False] * 7 + [True]
