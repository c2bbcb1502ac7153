"""What the console shows a signed-in caller, as an HTML fragment made on the server from the
use cases (the same the API calls): each pet's week and today by the hour, today's track and
whereabouts with the safe zone, the owner's push outbox with times; for an administrator the
quarantine and the API keys."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING

from application.use_cases.get_daily_series import GetDailySeriesQuery
from application.use_cases.get_hourly_series import GetHourlySeriesQuery
from application.use_cases.get_location_history import GetLocationHistoryQuery
from application.use_cases.get_profile import GetProfileQuery
from application.use_cases.get_whereabouts import GetWhereaboutsQuery
from application.use_cases.list_api_keys import ListApiKeysQuery
from application.use_cases.list_bundles import ListBundlesQuery
from application.use_cases.list_outbox import ListOutboxQuery
from application.use_cases.list_pets import ListPetsQuery
from application.use_cases.list_quarantine import ListQuarantineQuery
from application.use_cases.list_users import ListUsersQuery
from domain.access import Caller
from domain.clockwork import format_instant, local_day
from domain.errors import NotFound
from domain.pets import Pet
from entrypoints.local.console_svg import bar_chart, track_map

if TYPE_CHECKING:
    from entrypoints.wiring import Container

WEEK = 7


def console_view(container: Container, caller: Caller) -> str:
    time_zone = container.get_profile()(GetProfileQuery(caller)).time_zone
    today = local_day(container.clock().now(), time_zone)
    parts = [
        f"<p>Signed in as <b>{escape(caller.user_id)}</b>; today is {today} ({escape(time_zone)}).</p>"
    ]
    for pet in container.list_pets()(ListPetsQuery(caller)):
        parts.append(_pet(container, caller, pet, today))
    parts.append(_outbox(container, caller))
    owners = (
        [user.id for user in container.list_users()(ListUsersQuery(caller))]
        if caller.is_admin
        else [None]
    )
    parts.append(_bundles(container, caller, owners))
    if caller.is_admin:
        parts.append(_admin(container, caller))
    return "\n".join(parts)


def _pet(container: Container, caller: Caller, pet: Pet, today: date) -> str:
    first = today - timedelta(days=WEEK - 1)
    week = container.get_daily_series()(GetDailySeriesQuery(caller, pet.id, first, today))
    hours = container.get_hourly_series()(GetHourlySeriesQuery(caller, pet.id, today))
    track = container.get_location_history()(GetLocationHistoryQuery(caller, pet.id, today))
    positions = [reading.position for reading in track if reading.position is not None]
    return "".join(
        [
            f"<section class='pet' data-pet='{escape(pet.id)}'><h2>{escape(pet.name)} "
            f"<small>{escape(pet.species.value)}, goal {pet.daily_step_goal} steps</small></h2>",
            "<h3>The week</h3>",
            bar_chart([(d.day.strftime("%a %d"), d.steps) for d in week], f"{pet.name}'s week"),
            "<h3>Today by the hour</h3>",
            bar_chart([(f"{h.start.hour:02d}", h.steps) for h in hours], f"{pet.name} today"),
            "<h3>Today's track</h3>",
            track_map(positions, pet.safe_zone, f"{pet.name}'s track"),
            _whereabouts(container, caller, pet),
            "</section>",
        ]
    )


def _whereabouts(container: Container, caller: Caller, pet: Pet) -> str:
    try:
        where = container.get_whereabouts()(GetWhereaboutsQuery(caller, pet.id))
    except NotFound:
        return "<p class='whereabouts'>No position yet.</p>"
    position = where.position
    zone = pet.safe_zone
    zone_text = (
        f"; safe zone {zone.radius_m:.0f} m around {zone.centre.latitude}, {zone.centre.longitude}"
        if zone
        else ""
    )
    return (
        f"<p class='whereabouts'>Last seen {format_instant(where.time)} at "
        f"{position.latitude}, {position.longitude}{escape(zone_text)}.</p>"
    )


def _outbox(container: Container, caller: Caller) -> str:
    messages = container.list_outbox()(ListOutboxQuery(caller.user_id))
    rows = [
        (format_instant(m.sent_at) if m.sent_at else "-", f"{m.phone} ({m.platform.value})", m.text)
        for m in reversed(messages[-20:])
    ]
    return "<h2>Push outbox</h2>" + _table(("sent", "phone", "text"), rows, "outbox")


def _bundles(container: Container, caller: Caller, owners: Sequence[str | None]) -> str:
    """The caller's bundles with their reports; an administrator's view: every owner's."""
    rows = []
    for owner in owners:
        for bundle in container.list_bundles()(ListBundlesQuery(caller, owner)):
            report = bundle.report
            figures = (
                f"{report.accepted} accepted, {report.duplicates} known, {report.quarantined} "
                f"quarantined, {len(report.rejected)} rejected"
                if report
                else ""
            )
            rejected = "; ".join(
                f"line {r.position}: {r.field}: {r.reason}"
                for r in (report.rejected if report else ())
            )
            rows.append(
                (bundle.id, bundle.owner_id, bundle.tracker, bundle.status.value, figures, rejected)
            )
    return "<h2>Bundles</h2>" + _table(
        ("bundle", "owner", "tracker", "status", "report", "rejected"), rows, "bundles"
    )


def _admin(container: Container, caller: Caller) -> str:
    quarantined = container.list_quarantine()(ListQuarantineQuery(caller))
    keys = container.list_api_keys()(ListApiKeysQuery(caller))
    return (
        "<h2>Quarantine</h2>"
        + _table(
            ("received", "tracker", "field", "reason"),
            [
                (format_instant(q.received_at), q.tracker, q.field or "", q.reason)
                for q in quarantined[:50]
            ],
            "quarantine",
        )
        + "<h2>API keys</h2>"
        + _table(
            ("prefix", "purpose", "state", "name"),
            [
                (k.prefix, k.purpose.value, "revoked" if k.revoked else "active", k.name)
                for k in keys
            ],
            "api-keys",
        )
    )


def _table(headings: tuple[str, ...], rows: Sequence[tuple[str, ...]], name: str) -> str:
    if not rows:
        return f"<p class='{name}'>None.</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class='{name}'><tr>{head}</tr>{body}</table>"
