"""The contracts of the app platform's stores, on every adapter: registration requests, what
the authorization server keeps (codes and refresh tokens taken once, even at once), the grants
the intake reads, failed messages, and request counts that never lose a concurrent request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from application.ports.apps import (
    AppRequests,
    Authorizations,
    IssuedCode,
    IssuedToken,
    PendingAuthorization,
    RateLimiter,
    Subscriptions,
)
from domain.access import Scope
from domain.apps import (
    AppRequest,
    Change,
    ChangeKind,
    Connection,
    Subscription,
    Watch,
    WebhookMessage,
)
from domain.limits import MINUTE

from .concurrency import all_at_once

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
ACTIVITY = frozenset({Scope.ACTIVITY})


def request(name: str = "VetBook", at: datetime = NOW) -> AppRequest:
    return AppRequest.new(
        name, ["https://vetbook.example/cb"], "dev@vetbook.example", None, at, "d"
    )


def test_a_request_is_kept_and_listed_while_pending(app_requests: AppRequests) -> None:
    first, second = request("A", NOW), request("B", NOW + timedelta(seconds=1))
    app_requests.put(second)
    app_requests.put(first)
    assert app_requests.get(first.id) == first
    assert [r.id for r in app_requests.pending()] == [first.id, second.id]
    registered = first.decided(True, "client-1", NOW)
    app_requests.put(registered)
    assert app_requests.get(first.id) == registered
    assert [r.id for r in app_requests.pending()] == [second.id]
    assert app_requests.get("unknown") is None


def code(digest: str = "c1", expires: datetime = NOW + timedelta(minutes=10)) -> IssuedCode:
    return IssuedCode(
        digest, "app", "alice", "https://vetbook.example/cb", ACTIVITY, "x" * 43, "g1", expires
    )


def test_a_code_is_taken_once_and_never_after_its_expiry(authorizations: Authorizations) -> None:
    authorizations.put_code(code())
    assert authorizations.take_code("c1", NOW) == code()
    assert authorizations.take_code("c1", NOW) is None
    authorizations.put_code(code("c2", NOW + timedelta(minutes=1)))
    assert authorizations.take_code("c2", NOW + timedelta(minutes=2)) is None


def test_of_concurrent_takers_of_a_code_one_gets_it(authorizations: Authorizations) -> None:
    authorizations.put_code(code())
    taken = all_at_once([lambda: authorizations.take_code("c1", NOW)] * 4)
    assert [t for t in taken if t is not None] == [code()]


def test_tokens_are_found_by_digest_and_kind_and_rotate_once(
    authorizations: Authorizations,
) -> None:
    expires = NOW + timedelta(hours=1)
    access = IssuedToken("a1", "access", "app", "alice", ACTIVITY, "g1", expires)
    refresh = attrs.evolve(access, digest="r1", kind="refresh")
    authorizations.put_token(access)
    authorizations.put_token(refresh)
    assert authorizations.token("a1", "access", NOW) == access
    assert authorizations.token("a1", "refresh", NOW) is None
    assert authorizations.token("a1", "access", expires) is None  # expired
    assert (
        all_at_once([lambda: authorizations.take_token("r1", "refresh", NOW)] * 3).count(refresh)
        == 1
    )


def test_a_pending_authorization_is_held_then_forgotten_once(
    authorizations: Authorizations,
) -> None:
    pending = PendingAuthorization("p1", "app", {"state": "s"}, NOW + timedelta(minutes=10))
    authorizations.hold(pending)
    bound = attrs.evolve(pending, owner_id="alice", consent_token="t")
    authorizations.hold(bound)
    assert authorizations.pending("p1", NOW) == bound
    assert authorizations.pending("p1", NOW + timedelta(minutes=11)) is None
    assert all_at_once([lambda: authorizations.forget("p1")] * 3).count(True) == 1
    assert authorizations.pending("p1", NOW) is None


def test_a_connection_is_replaced_and_ended(authorizations: Authorizations) -> None:
    first = Connection("alice", "app", NOW, "g1")
    authorizations.connect(first)
    later = attrs.evolve(first, last_read=NOW + timedelta(minutes=3))
    authorizations.connect(later)
    assert authorizations.connection("alice", "app") == later
    assert authorizations.connection("bob", "app") is None
    authorizations.disconnect("alice", "app")
    assert authorizations.connection("alice", "app") is None


def test_a_subscription_is_kept_per_app(subscriptions: Subscriptions) -> None:
    hooked = Subscription("app", "https://vetbook.example/hooks", NOW)
    subscriptions.subscribe(hooked)
    assert subscriptions.get("app") == hooked
    assert subscriptions.get("other") is None
    subscriptions.unsubscribe("app")
    assert subscriptions.get("app") is None


def test_the_intake_reads_the_grants_of_its_owners(subscriptions: Subscriptions) -> None:
    for owner, app in (("alice", "a1"), ("alice", "a2"), ("bob", "a1"), ("carol", "a1")):
        subscriptions.watch(Watch(owner, app, ACTIVITY))
    subscriptions.watch(Watch("alice", "a2", frozenset({Scope.PROFILE})))  # replaced
    subscriptions.unwatch("bob", "a1")
    found = subscriptions.watching(["alice", "bob"])
    assert sorted(found, key=lambda w: w.app_id) == [
        Watch("alice", "a1", ACTIVITY),
        Watch("alice", "a2", frozenset({Scope.PROFILE})),
    ]
    assert subscriptions.watching([]) == []


def test_failed_messages_are_kept_and_taken_for_replay(subscriptions: Subscriptions) -> None:
    change = Change(ChangeKind.REVOKED, "alice")
    older = WebhookMessage.of("app", change, NOW)
    newer = attrs.evolve(WebhookMessage.of("app", change, NOW + timedelta(hours=1)), attempts=9)
    subscriptions.keep_failed(newer)
    subscriptions.keep_failed(older)
    assert subscriptions.failed() == [older, newer]
    assert subscriptions.take_failed(older.id) == older
    assert subscriptions.take_failed(older.id) is None
    assert subscriptions.failed() == [newer]


def test_a_window_counts_every_request_once_even_at_once(rate_limiter: RateLimiter) -> None:
    answers = all_at_once([lambda: rate_limiter.take("app:a", 3, MINUTE, NOW)] * 5)
    assert sorted(a.allowed for a in answers) == [False, False, True, True, True]
    assert sorted(a.remaining for a in answers) == [0, 0, 0, 1, 2]
    assert {a.reset_seconds for a in answers} == {60}
    other = rate_limiter.take("app:b", 3, MINUTE, NOW)
    assert other.allowed and other.remaining == 2
    later = rate_limiter.take("app:a", 3, MINUTE, NOW + timedelta(seconds=61))
    assert later.allowed and later.remaining == 2 and later.reset_seconds == 59
