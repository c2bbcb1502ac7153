"""The `core` binding: the use cases themselves, on the in-memory adapters."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from dependency_injector import providers

from adapters.local.settable_clock import SettableClock
from application import tracing
from application.ports.live import LiveClient
from application.use_cases.authenticate import AuthenticateQuery
from application.use_cases.authorize_app import AuthorizeAppQuery, ConsentCommand, SignedInQuery
from application.use_cases.check_api_key import CheckApiKeyQuery
from application.use_cases.check_limit import LimitQuery
from application.use_cases.decide_app import DecideAppCommand, GetAppRequestQuery
from application.use_cases.delete_account import DeleteAccountCommand
from application.use_cases.get_article import GetArticleQuery
from application.use_cases.get_bundle import GetBundleQuery
from application.use_cases.get_daily_activity import GetDailyActivityQuery
from application.use_cases.get_daily_series import GetDailySeriesQuery
from application.use_cases.get_export import GetExportQuery
from application.use_cases.get_hourly_series import GetHourlySeriesQuery
from application.use_cases.get_location_history import GetLocationHistoryQuery
from application.use_cases.get_pet import GetPetQuery
from application.use_cases.get_recommendations import GetRecommendationsQuery
from application.use_cases.get_tracker import GetTrackerQuery
from application.use_cases.get_whereabouts import GetWhereaboutsQuery
from application.use_cases.grant_access import GrantAccessCommand
from application.use_cases.issue_api_key import IssueApiKeyCommand
from application.use_cases.list_grants import ListGrantsQuery
from application.use_cases.list_pets import ListPetsQuery
from application.use_cases.list_quarantine import ListQuarantineQuery
from application.use_cases.list_users import ListUsersQuery
from application.use_cases.oauth_tokens import TokenRequest
from application.use_cases.open_live_updates import OpenLiveUpdatesCommand
from application.use_cases.pair_tracker import PairTrackerCommand
from application.use_cases.photo_links import PhotoLinkQuery
from application.use_cases.publish_article import PublishArticleCommand
from application.use_cases.record_readings import RecordReadingsCommand
from application.use_cases.record_weight import RecordWeightCommand
from application.use_cases.register_pet import RegisterPetCommand
from application.use_cases.register_phone import RegisterPhoneCommand
from application.use_cases.remove_pet import RemovePetCommand
from application.use_cases.remove_phone import RemovePhoneCommand
from application.use_cases.request_app import RequestAppCommand
from application.use_cases.request_export import RequestExportCommand
from application.use_cases.revoke_access import RevokeAccessCommand
from application.use_cases.revoke_api_key import RevokeApiKeyCommand
from application.use_cases.set_safe_zone import SetSafeZoneCommand
from application.use_cases.set_step_goal import SetStepGoalCommand
from application.use_cases.set_time_zone import SetTimeZoneCommand
from application.use_cases.start_bundle_upload import StartBundleUploadCommand
from application.use_cases.subscribe_app import AppCredentials, SubscribeCommand
from application.use_cases.unpair_tracker import UnpairTrackerCommand
from application.use_cases.withdraw_article import WithdrawArticleCommand
from domain.access import Caller, User
from domain.api_keys import Purpose, prefix_of
from domain.clockwork import format_instant
from domain.content import ContentModel
from domain.errors import (
    AccessDenied,
    Conflict,
    InvalidInput,
    NotFound,
    TooManyRequests,
    Unauthenticated,
)
from domain.readings import DeliveryReport
from domain.safe_zones import SafeZone
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import build_container
from tests.support.drivers.api import exported
from tests.support.drivers.base import Activity, Delivery, Driver, Refused
from tests.support.drivers.traces import Record
from tests.support.oauth_client import OAuthApp
from tests.support.telemetry import Line, parsed, prometheus_totals
from tests.support.webhook_receiver import WebhookReceiver

OPERATOR = Caller("operator", is_admin=True)
KINDS = {
    NotFound: "not-found",
    AccessDenied: "forbidden",
    Unauthenticated: "unauthorized",
    Conflict: "conflict",
    InvalidInput: "invalid",
}


@contextmanager
def refusals() -> Iterator[None]:
    try:
        yield
    except TooManyRequests as error:
        raise Refused("too-many", str(error), error.retry_after) from error
    except tuple(KINDS) as error:
        raise Refused(KINDS[type(error)], str(error)) from error


def delivery(report: DeliveryReport) -> Delivery:
    rejected = tuple((r.position, r.field) for r in report.rejected)
    return Delivery(report.accepted, report.duplicates, rejected)


ARTICLES = ContentModel().content_type


class CoreDriver(Driver):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.clock = SettableClock()
        local = LocalSettings(data_dir=data_dir, webhooks_to_loopback=True)  # the receivers
        self.c = build_container(Settings(Cloud.MEMORY, local))
        self.c.ports().clock.override(providers.Object(self.clock))
        self.users: dict[str, Caller] = {}
        self.pets: dict[str, str] = {}
        self.apps: dict[str, str] = {}
        self.live_from: dict[str, int] = {}
        self.old_tokens: dict[str, str] = {}
        self.oauth: dict[str, OAuthApp] = {}
        self.receivers: dict[str, WebhookReceiver] = {}

    def close(self) -> None:
        for receiver in self.receivers.values():
            receiver.close()

    def caller(self, name: str, app: str | None = None) -> Caller:
        user = self.users.get(name, Caller(name))
        token = self.oauth[app].tokens.get(name) if app in self.oauth else None
        if token is not None:  # the app's token from the owner's connection, as a request has it
            with refusals():
                return self.c.authenticate()(AuthenticateQuery(token))
        return Caller(user.user_id, self.apps[app], False) if app else user

    def set_time(self, now: datetime) -> None:
        self.clock.set(now)

    def add_user(self, name: str, *, admin: bool = False) -> None:
        self.users[name] = Caller(name, is_admin=admin)
        self.c.ports.users().add(User(name, name, admin))

    def register_pet(self, owner: str, species: str, name: str, weight_kg: float) -> None:
        with refusals():
            pet = self.c.register_pet()(
                RegisterPetCommand(self.caller(owner), name, species, weight_kg)
            )
        self.pets[name] = pet.id
        self.footprint(owner).pets |= {pet.id, name}

    def pet_names(self, viewer: str) -> list[str]:
        return [pet.name for pet in self.c.list_pets()(ListPetsQuery(self.caller(viewer)))]

    def step_goal(self, viewer: str, pet: str) -> int:
        with refusals():
            return self.c.get_pet()(
                GetPetQuery(self.caller(viewer), self.pets[pet])
            ).daily_step_goal

    def set_step_goal(self, owner: str, pet: str, goal: int) -> None:
        with refusals():
            self.c.set_step_goal()(SetStepGoalCommand(self.caller(owner), self.pets[pet], goal))

    def record_weight(self, owner: str, pet: str, weight_kg: float, day: date | None) -> None:
        with refusals():
            command = RecordWeightCommand(self.caller(owner), self.pets[pet], weight_kg, day)
            self.c.record_weight()(command)

    def pair_tracker(self, owner: str, serial: str, pet: str) -> None:
        with refusals():
            self.c.pair_tracker()(PairTrackerCommand(self.caller(owner), self.pets[pet], serial))
        self.footprint(owner).serials.add(serial)

    def paired_pet(self, owner: str, serial: str) -> str:
        with refusals():
            tracker = self.c.get_tracker()(GetTrackerQuery(self.caller(owner), serial))
        return next(name for name, pet_id in self.pets.items() if pet_id == tracker.pet_id)

    def set_time_zone(self, owner: str, time_zone: str) -> None:
        with refusals():
            self.c.set_time_zone()(SetTimeZoneCommand(self.caller(owner), time_zone))

    def report_readings(self, serial: str, readings: list[dict[str, object]]) -> Delivery:
        """In a trace of its own, as the entrypoint of a packet opens one."""
        with refusals(), tracing.traced(request_id=uuid.uuid4().hex):
            return delivery(self.c.record_readings()(RecordReadingsCommand(serial, readings)))

    def sync_bundle(self, owner: str, serial: str, content: str) -> Delivery:
        with refusals():
            upload = self.c.start_bundle_upload()(
                StartBundleUploadCommand(self.caller(owner), serial)
            )
            self.footprint(owner).bundles.add(upload.bundle.id)
            with tracing.traced(request_id=uuid.uuid4().hex):  # as an upload's trigger does
                self.c.ports.blobs().put(upload.upload_link, content.encode())
            bundle = self.c.get_bundle()(GetBundleQuery(self.caller(owner), upload.bundle.id))
        assert bundle.report is not None, "the bundle was not processed after its upload"
        return delivery(bundle.report)

    def quarantined(self, admin: str, serial: str) -> int:
        with refusals():
            return len(self.c.list_quarantine()(ListQuarantineQuery(self.caller(admin), serial)))

    def activity(self, viewer: str, pet: str, day: date, app: str | None = None) -> Activity:
        with refusals():
            caller = self.caller(viewer, app)
            self.c.check_limit()(LimitQuery(caller))  # as every binding's entrypoint does
            query = GetDailyActivityQuery(caller, self.pets[pet], day)
            found = self.c.get_daily_activity()(query)
        return Activity(
            found.steps,
            float(found.walked_km),
            found.active_kcal,
            found.resting_kcal,
            float(found.tracked_km),
        )

    def locations(
        self, viewer: str, pet: str, day: date, app: str | None = None
    ) -> list[tuple[str, float, float]]:
        with refusals():
            query = GetLocationHistoryQuery(self.caller(viewer, app), self.pets[pet], day)
            readings = self.c.get_location_history()(query)
        return [
            (r.to_raw()["time"], r.position.latitude, r.position.longitude)  # type: ignore[misc]
            for r in readings
            if r.position
        ]

    def pet_visible(self, viewer: str, pet: str, app: str | None = None) -> bool:
        try:
            with refusals():
                self.c.get_pet()(GetPetQuery(self.caller(viewer, app), self.pets[pet]))
        except Refused:
            return False
        return True

    def recommendations(self, viewer: str, pet: str) -> list[tuple[str, str]]:
        with refusals():
            found = self.c.get_recommendations()(
                GetRecommendationsQuery(self.caller(viewer), self.pets[pet])
            )
        return [(r.code, r.title) for r in found]

    def daily_steps(
        self, viewer: str, pet: str, first: date, last: date, app: str | None = None
    ) -> list[int]:
        with refusals():
            query = GetDailySeriesQuery(self.caller(viewer, app), self.pets[pet], first, last)
            return [day.steps for day in self.c.get_daily_series()(query)]

    def hourly_steps(self, viewer: str, pet: str, day: date) -> list[tuple[str, int]]:
        with refusals():
            query = GetHourlySeriesQuery(self.caller(viewer), self.pets[pet], day)
            found = self.c.get_hourly_series()(query)
        return [(hour.start.strftime("%H:%M"), hour.steps) for hour in found]

    def whereabouts(self, viewer: str, pet: str) -> tuple[str, float, float]:
        with refusals():
            query = GetWhereaboutsQuery(self.caller(viewer), self.pets[pet])
            found = self.c.get_whereabouts()(query)
        return format_instant(found.time), found.position.latitude, found.position.longitude

    def set_safe_zone(
        self, owner: str, pet: str, latitude: float, longitude: float, radius_m: float
    ) -> None:
        with refusals():
            zone = SafeZone.checked(latitude, longitude, radius_m)
            self.c.set_safe_zone()(SetSafeZoneCommand(self.caller(owner), self.pets[pet], zone))

    def tracker_status(self, owner: str, serial: str) -> tuple[int | None, str | None]:
        with refusals():
            found = self.c.get_tracker()(GetTrackerQuery(self.caller(owner), serial))
        last = found.last_reading_at
        return found.battery, None if last is None else format_instant(last)

    def unpair_tracker(self, owner: str, pet: str) -> None:
        with refusals():
            self.c.unpair_tracker()(UnpairTrackerCommand(self.caller(owner), self.pets[pet]))

    def remove_pet(self, owner: str, pet: str) -> None:
        with refusals():
            self.c.remove_pet()(RemovePetCommand(self.caller(owner), self.pets[pet]))

    def remove_phone(self, owner: str, phone: str) -> None:
        with refusals():
            self.c.remove_phone()(RemovePhoneCommand(self.caller(owner), phone))

    def request_export(self, owner: str) -> str:
        with refusals():
            return self.c.request_export()(RequestExportCommand(self.caller(owner)))

    def export_records(self, viewer: str, export_id: str) -> list[dict[str, object]]:
        with refusals():
            found = self.c.get_export()(GetExportQuery(self.caller(viewer), export_id))
        assert found.download_url is not None, "the export is not ready"
        return exported(bytes(self.c.ports.blobs().get(found.download_url)))

    def register_phone(self, owner: str, platform: str, phone: str) -> None:
        with refusals():
            command = RegisterPhoneCommand(self.caller(owner), phone, platform, f"token-of-{phone}")
            self.c.register_phone()(command)
        self.footprint(owner).phones |= {phone, command.device_token}

    def received_notifications(self, phone: str) -> list[str]:
        return [m.text for m in self.c.ports.push().sent() if m.phone == phone]

    def connect_live(self, owner: str) -> None:
        """The app's live connection, attached as the local server attaches one (updates land in
        the in-memory LiveUpdates, which keeps them)."""
        client = LiveClient(f"live-{owner}-{len(self.live_from)}")
        self.c.open_live_updates()(OpenLiveUpdatesCommand(self.caller(owner), client))
        self.live_from[owner] = len(self.c.ports.live().published)

    def live_updates(self, owner: str, expected: int) -> list[dict[str, object]]:
        if owner not in self.live_from:
            return []
        published = self.c.ports.live().published[self.live_from[owner] :]
        return [u.payload() for u in published if u.owner_id == self.caller(owner).user_id]

    def register_app(self, name: str, limit: int | None = None) -> None:
        self.request_app(name, f"https://{name.lower()}.example/callback", limit)
        self.decide_app("operator", name, approve=True)

    # The app platform
    def now(self) -> datetime:
        return self.clock.now()

    def pet_id(self, pet: str) -> str:
        return self.pets[pet]

    def request_app(self, name: str, redirect_uri: str, limit: int | None = None) -> None:
        command = RequestAppCommand(name, [redirect_uri], f"dev@{name.lower()}.example", limit)
        with refusals():
            requested = self.c.request_app()(command)
        self.oauth[name] = OAuthApp(
            name, redirect_uri, requested.client_secret, request_id=requested.request.id
        )

    def _registered(self, name: str, app_id: str | None) -> None:
        if app_id is not None:
            self.oauth[name].client_id = self.apps[name] = app_id

    def app_request_state(self, name: str) -> str:
        with refusals():
            found = self.c.get_app_request()(GetAppRequestQuery(self.oauth[name].request_id))
        self._registered(name, found.app_id)
        return found.state.value

    def decide_app(self, admin: str, name: str, *, approve: bool) -> None:
        caller = OPERATOR if admin == "operator" else self.caller(admin)
        command = DecideAppCommand(caller, self.oauth[name].request_id, approve)
        with refusals():
            self._registered(name, self.c.decide_app()(command).app_id)

    def _code(self, owner: str, app: OAuthApp, scopes: list[str]) -> str:
        """Through the sign-in page (the local issuer signs the owner in) and the consent page."""
        with refusals():
            answer = self.c.authorize_app()(AuthorizeAppQuery(app.authorization(scopes)))
            assert answer.status == 302, answer
            state = parse_qs(urlsplit(answer.headers["location"]).query)["state"][0]
            signed_in = self.c.ports.token_issuer().sign_in(User(self.user_id(owner), owner))
            prompt = self.c.signed_in()(SignedInQuery(signed_in, state))
            consent = ConsentCommand(prompt.pending_id, prompt.consent_token, scopes, True)
            answer = self.c.consent_to_app()(consent)
        self.last_connection = (owner, app.name, scopes)
        return app.code_from(answer.headers["location"])

    def connect(self, owner: str, app: str, scopes: list[str]) -> None:
        client = self.oauth[app]
        answer = self.c.exchange_token()(
            TokenRequest(client.exchange(self._code(owner, client, scopes)), {})
        )
        assert answer.status == 200, answer
        client.tokens[owner] = str(answer.body["access_token"])

    def exchange_last_code_again(self) -> str:
        client = self.oauth[self.last_connection[1]]
        answer = self.c.exchange_token()(TokenRequest(client.exchange(client.codes[-1]), {}))
        return str(answer.body.get("error", ""))

    def exchange_new_code_with_wrong_verifier(self) -> str:
        owner, app, scopes = self.last_connection
        client = self.oauth[app]
        form = client.exchange(self._code(owner, client, scopes), secrets.token_urlsafe(48))
        return str(self.c.exchange_token()(TokenRequest(form, {})).body.get("error", ""))

    def subscribe(self, app: str) -> None:
        client, receiver = self.oauth[app], WebhookReceiver()
        self.receivers[app] = receiver
        credentials = AppCredentials(client.client_id, client.client_secret)
        with refusals():
            subscribed = self.c.subscribe_app()(SubscribeCommand(credentials, receiver.url))
        receiver.secret = subscribed.secret

    def app_messages(self, app: str, expected: int) -> list[dict[str, Any]]:
        receiver = self.receivers.get(app)
        return receiver.messages() if receiver else []

    def app_messages_signed(self, app: str) -> bool:
        return self.receivers[app].all_signed()

    def grant(self, owner: str, app: str, scopes: list[str]) -> None:
        with refusals():
            self.c.grant_access()(GrantAccessCommand(self.caller(owner), self.apps[app], scopes))

    def revoke(self, owner: str, app: str) -> None:
        with refusals():
            self.c.revoke_access()(RevokeAccessCommand(self.caller(owner), self.apps[app]))

    def grants(self, owner: str) -> dict[str, list[str]]:
        found = self.c.list_grants()(ListGrantsQuery(self.caller(owner)))
        return {a.app.name: sorted(s.value for s in a.grant.scopes) for a in found}

    def create_cms_key(self) -> str:
        return self.c.issue_api_key()(IssueApiKeyCommand(OPERATOR, "content", "cms")).plaintext

    def revoke_cms_key(self, key: str) -> None:
        self.c.revoke_api_key()(RevokeApiKeyCommand(OPERATOR, prefix_of(key) or ""))

    def cms_publish(self, key: str | None, article: str, title: str, tag: str) -> None:
        with refusals():
            self.c.check_api_key()(CheckApiKeyQuery(key, Purpose.CONTENT))
            texts = {"en-US": (title, f"{title}.")}
            command = PublishArticleCommand(article, ARTICLES, tag, texts)
            self.c.publish_article()(command)

    def cms_unpublish(self, key: str | None, article: str) -> None:
        with refusals():
            self.c.check_api_key()(CheckApiKeyQuery(key, Purpose.CONTENT))
            self.c.withdraw_article()(WithdrawArticleCommand(article, ARTICLES))

    def article_title(self, article: str) -> str | None:
        try:
            with refusals():
                return self.c.get_article()(GetArticleQuery(article)).title
        except Refused:
            return None

    def upload_photo(self, owner: str, pet: str, photo: bytes) -> None:
        with refusals():
            link = self.c.request_photo_upload()(PhotoLinkQuery(self.caller(owner), self.pets[pet]))
        self.c.ports.blobs().put(link, photo)

    def download_photo(self, viewer: str, pet: str) -> bytes:
        with refusals():
            link = self.c.request_photo_download()(
                PhotoLinkQuery(self.caller(viewer), self.pets[pet])
            )
        return bytes(self.c.ports.blobs().get(link))

    def user_names(self, viewer: str) -> list[str]:
        with refusals():
            return [u.name for u in self.c.list_users()(ListUsersQuery(self.caller(viewer)))]

    def delete_account(self, owner: str) -> None:
        self.old_tokens[owner] = self.c.ports.token_issuer().issue(self.caller(owner).user_id)
        with refusals():
            self.c.delete_account()(DeleteAccountCommand(self.caller(owner)))

    def old_token_refused(self, owner: str) -> bool:
        try:
            self.c.authenticate()(AuthenticateQuery(self.old_tokens[owner]))
        except Unauthenticated:
            return True
        return False

    def user_id(self, name: str) -> str:
        return self.caller(name).user_id

    def telemetry_lines(self) -> list[Line]:
        return parsed(self.c.ports().telemetry_stream().getvalue())

    def metric_totals(self) -> dict[str, float]:
        return prometheus_totals(self.c.read_metrics()()[1].decode())

    def records(self) -> Iterator[Record]:
        """Each in-memory store whole, as one record; the live connections the driver holds."""
        c = self.c
        stores = {
            "identity": (c.ports.users(), c.ports.erased()),
            "profile": (c.ports.owners(),),
            "pets": (c.ports.pets(),),
            "trackers": (c.ports.trackers(),),
            "activity": (c.ports.ledger(),),
            "announcements": (c.ports.announcements(),),
            "quarantine": (c.ports.quarantine(),),
            "bundles": (c.ports.bundles(),),
            "grants": (c.ports.grants(),),
            "phones": (c.ports.phones(),),
            "push": (c.ports.push(),),
        }
        for kind, adapters in stores.items():
            for adapter in adapters:
                yield kind, type(adapter).__name__, repr(vars(adapter))
        for key, data in c.ports.blobs()._objects.items():
            yield ("photos" if key.startswith("photos/") else "bundles"), key, repr(data)
        for owner in self.live_from:
            if self.caller(owner).user_id not in c.ports.live().closed:
                yield "live", f"the live connection of {owner}", self.caller(owner).user_id
