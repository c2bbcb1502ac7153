"""The `http` binding: the local server (uvicorn on 127.0.0.1, SQLite and files) over real HTTP."""

from __future__ import annotations

import json
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
from dependency_injector import providers
from websockets.sync.client import ClientConnection, connect

from adapters.local.clocks import SettableClock
from application.use_cases.issue_api_key import IssueApiKeyCommand
from domain.access import Caller, User
from entrypoints.container import build_container
from entrypoints.local.asgi import create_app
from entrypoints.local.server import BackgroundServer, free_port
from entrypoints.settings import Settings
from features.drivers.base import Activity, Delivery, Driver, Refused

OPERATOR = Caller("operator", is_admin=True)
KINDS = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    409: "conflict",
    422: "invalid",
}
CONTENTFUL_TYPE = "application/vnd.contentful.management.v1+json"


class HttpDriver(Driver):
    def __init__(self, data_dir: Path) -> None:
        port = free_port()
        self.clock = SettableClock()
        self.c = build_container(
            Settings(cloud="local", data_dir=data_dir, base_url=f"http://127.0.0.1:{port}")
        )
        self.c.clock.override(providers.Object(self.clock))
        self.resources = ExitStack()
        self.server = self.resources.enter_context(BackgroundServer(create_app(self.c), port=port))
        self.http = self.resources.enter_context(
            httpx.Client(base_url=self.server.base_url, timeout=10)
        )
        self.admins: set[str] = set()
        self.ids: dict[str, str] = {}
        self.live: dict[str, ClientConnection] = {}
        self._ingest_key: str | None = None

    def close(self) -> None:
        self.resources.close()

    # Plumbing
    def token(self, user: str, app: str | None = None) -> str:
        admin = user in self.admins or user == OPERATOR.user_id
        return self.c.token_issuer().issue(
            user, is_admin=admin, app_id=self.ids[app] if app else None
        )

    def call(
        self, method: str, path: str, user: str | None = None, app: str | None = None, **kwargs: Any
    ) -> Any:
        headers = kwargs.pop("headers", {})
        if user is not None:
            headers["Authorization"] = f"Bearer {self.token(user, app)}"
        response = self.http.request(method, path, headers=headers, **kwargs)
        assert response.status_code < 500, (
            f"{method} {path} answered {response.status_code}: {response.text}"
        )
        if response.status_code >= 400:
            assert response.headers["content-type"].startswith("application/problem+json")
            raise Refused(KINDS.get(response.status_code, "invalid"), response.text)
        return response.json() if response.content else None

    def pet(self, name: str) -> str:
        return self.ids[name]

    # The world
    def set_time(self, now: datetime) -> None:
        self.clock.set(now)

    def add_user(self, name: str, *, admin: bool = False) -> None:
        if admin:
            self.admins.add(name)
        self.c.users().add(User(name, name, admin))

    # Pets and trackers
    def register_pet(self, owner: str, species: str, name: str, weight_kg: float) -> None:
        body = {"name": name, "species": species, "weight_kg": weight_kg}
        self.ids[name] = self.call("POST", "/pets", owner, json=body)["id"]

    def pet_names(self, viewer: str) -> list[str]:
        return [pet["name"] for pet in self.call("GET", "/pets", viewer)["pets"]]

    def step_goal(self, viewer: str, pet: str) -> int:
        return int(self.call("GET", f"/pets/{self.pet(pet)}", viewer)["daily_step_goal"])

    def set_step_goal(self, owner: str, pet: str, goal: int) -> None:
        self.call("PATCH", f"/pets/{self.pet(pet)}", owner, json={"daily_step_goal": goal})

    def record_weight(self, owner: str, pet: str, weight_kg: float, day: date | None) -> None:
        body: dict[str, Any] = {"weight_kg": weight_kg}
        if day is not None:
            body["day"] = day.isoformat()
        self.call("POST", f"/pets/{self.pet(pet)}/weights", owner, json=body)

    def pair_tracker(self, owner: str, serial: str, pet: str) -> None:
        self.call("PUT", f"/pets/{self.pet(pet)}/tracker", owner, json={"serial": serial})

    def paired_pet(self, owner: str, serial: str) -> str:
        pet_id = self.call("GET", f"/trackers/{serial}", owner)["pet_id"]
        return next(name for name, known in self.ids.items() if known == pet_id)

    def set_time_zone(self, owner: str, time_zone: str) -> None:
        self.call("PUT", "/me", owner, json={"time_zone": time_zone})

    # Readings
    def ingest_key(self) -> str:
        if self._ingest_key is None:
            command = IssueApiKeyCommand(OPERATOR, "ingest", "tracker platform")
            self._ingest_key = self.c.issue_api_key()(command).plaintext
        return self._ingest_key

    def report_readings(self, serial: str, readings: list[dict[str, object]]) -> Delivery:
        headers = {"X-Api-Key": self.ingest_key()}
        body = {"tracker": serial, "readings": readings}
        report = self.call("POST", "/ingest/readings", headers=headers, json=body)
        rejected = tuple((r["position"], r["field"]) for r in report["rejected"])
        return Delivery(report["accepted"], report["duplicates"], rejected)

    def sync_bundle(self, owner: str, serial: str, content: str) -> Delivery:
        started = self.call("POST", f"/trackers/{serial}/bundles", owner)
        uploaded = httpx.put(
            started["upload_url"],
            content=content.encode(),
            headers={"Content-Type": "application/x-ndjson"},
        )
        assert uploaded.status_code in (200, 201, 204), uploaded.text
        report = self.call("GET", f"/bundles/{started['bundle_id']}", owner)["report"]
        assert report is not None, "the bundle was not processed after its upload"
        rejected = tuple((r["line"], r["field"]) for r in report["rejected"])
        return Delivery(report["accepted"], report["duplicates"], rejected)

    def quarantined(self, admin: str, serial: str) -> int:
        return len(self.call("GET", "/quarantine", admin, params={"tracker": serial})["readings"])

    # Reading the activity
    def activity(self, viewer: str, pet: str, day: date, app: str | None = None) -> Activity:
        found = self.call("GET", f"/pets/{self.pet(pet)}/activity/{day.isoformat()}", viewer, app)
        return Activity(
            found["steps"],
            found["walked_km"],
            found["active_kcal"],
            found["resting_kcal"],
            found["tracked_km"],
        )

    def locations(
        self, viewer: str, pet: str, day: date, app: str | None = None
    ) -> list[tuple[str, float, float]]:
        found = self.call("GET", f"/pets/{self.pet(pet)}/locations/{day.isoformat()}", viewer, app)
        return [(p["time"], p["latitude"], p["longitude"]) for p in found["points"]]

    def pet_visible(self, viewer: str, pet: str, app: str | None = None) -> bool:
        try:
            self.call("GET", f"/pets/{self.pet(pet)}", viewer, app)
        except Refused:
            return False
        return True

    def recommendations(self, viewer: str, pet: str) -> list[tuple[str, str]]:
        found = self.call("GET", f"/pets/{self.pet(pet)}/recommendations", viewer)
        return [(r["code"], r["title"]) for r in found["recommendations"]]

    # Notifications
    def register_phone(self, owner: str, platform: str, phone: str) -> None:
        body = {"name": phone, "platform": platform, "device_token": f"token-of-{phone}"}
        self.call("POST", "/phones", owner, json=body)

    def received_notifications(self, phone: str) -> list[str]:
        return [m.text for m in self.c.push().sent() if m.phone == phone]

    def connect_live(self, owner: str) -> None:
        url = (
            self.server.base_url.replace("http://", "ws://")
            + f"/live?access_token={self.token(owner)}"
        )
        self.live[owner] = self.resources.enter_context(connect(url, open_timeout=5))

    def live_updates(self, owner: str, expected: int) -> list[dict[str, object]]:
        connection, updates = self.live.get(owner), []
        if connection is None:
            return []
        wait = 5.0 if expected else 0.5
        while True:
            try:
                updates.append(json.loads(connection.recv(timeout=wait)))
            except TimeoutError:
                return updates
            if expected and len(updates) >= expected:
                return updates

    # Apps
    def register_app(self, name: str) -> None:
        self.ids[name] = self.call("POST", "/apps", OPERATOR.user_id, json={"name": name})["id"]

    def grant(self, owner: str, app: str, scopes: list[str]) -> None:
        self.call("PUT", f"/grants/{self.ids[app]}", owner, json={"scopes": scopes})

    def revoke(self, owner: str, app: str) -> None:
        self.call("DELETE", f"/grants/{self.ids[app]}", owner)

    def grants(self, owner: str) -> dict[str, list[str]]:
        return {
            g["app_name"]: sorted(g["scopes"]) for g in self.call("GET", "/grants", owner)["grants"]
        }

    # Content
    def create_cms_key(self) -> str:
        body = {"purpose": "content", "name": "cms"}
        return str(self.call("POST", "/api-keys", OPERATOR.user_id, json=body)["key"])

    def revoke_cms_key(self, key: str) -> None:
        self.call("DELETE", f"/api-keys/{key.split('_')[1]}", OPERATOR.user_id)

    def webhook(self, key: str | None, topic: str, body: dict[str, Any]) -> None:
        headers = {"X-Contentful-Topic": topic, "Content-Type": CONTENTFUL_TYPE}
        if key is not None:
            headers["X-Api-Key"] = key
        self.call("POST", "/webhooks/contentful", headers=headers, content=json.dumps(body))

    def cms_publish(self, key: str | None, article: str, title: str, tag: str) -> None:
        fields = {"title": {"en-US": title}, "body": {"en-US": f"{title}."}, "tag": {"en-US": tag}}
        body = {"sys": {"id": article, "type": "Entry"}, "fields": fields}
        self.webhook(key, "ContentManagement.Entry.publish", body)

    def cms_unpublish(self, key: str | None, article: str) -> None:
        self.webhook(
            key,
            "ContentManagement.Entry.unpublish",
            {"sys": {"id": article, "type": "DeletedEntry"}},
        )

    def article_title(self, article: str) -> str | None:
        try:
            return str(self.call("GET", f"/articles/{article}")["title"])
        except Refused:
            return None

    # Photos
    def upload_photo(self, owner: str, pet: str, photo: bytes) -> None:
        link = self.call("POST", f"/pets/{self.pet(pet)}/photo", owner)["upload_url"]
        response = httpx.put(link, content=photo, headers={"Content-Type": "image/jpeg"})
        assert response.status_code in (200, 201, 204), response.text

    def download_photo(self, viewer: str, pet: str) -> bytes:
        link = self.call("GET", f"/pets/{self.pet(pet)}/photo", viewer)["download_url"]
        response = httpx.get(link)
        assert response.status_code == 200, response.text
        return response.content

    # Administration
    def user_names(self, viewer: str) -> list[str]:
        return [u["name"] for u in self.call("GET", "/users", viewer)["users"]]
