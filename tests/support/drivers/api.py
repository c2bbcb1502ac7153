"""The business actions over the one HTTP API, whatever carries the requests (a local server,
Lambda behind API Gateway, Azure Functions). A binding supplies the transport and what lies
beside the API: tokens, trackers' deliveries, phones and live connections."""

from __future__ import annotations

import abc
import gzip
import json
import uuid
from datetime import date
from typing import Any

import attrs
import httpx

from domain.content import ContentModel
from tests.support.drivers.api_platform import ApiPlatformActions, too_many
from tests.support.drivers.base import Activity, Delivery, Driver, Refused
from tests.support.oauth_client import OAuthApp
from tests.support.webhook_receiver import WebhookReceiver

KINDS = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    409: "conflict",
    422: "invalid",
}
CONTENTFUL_TYPE = "application/vnd.contentful.management.v1+json"
ARTICLES = ContentModel().content_type  # the content type a deployment reads by default


def entry_sys(entry_id: str, kind: str = "Entry", content_type: str = ARTICLES) -> dict[str, Any]:
    """An entry's `sys` as Contentful's webhooks send it: id, type and content type link."""
    link = {"sys": {"type": "Link", "linkType": "ContentType", "id": content_type}}
    return {"id": entry_id, "type": kind, "contentType": link}


def exported(data: bytes) -> list[dict[str, object]]:
    """The records of an export file: gzip JSON Lines."""
    return [json.loads(line) for line in gzip.decompress(data).decode().splitlines() if line]


@attrs.frozen
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class ApiDriver(ApiPlatformActions, Driver):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.oauth: dict[str, OAuthApp] = {}
        self.receivers: dict[str, WebhookReceiver] = {}
        # Device tokens unique to the scenario: a push service knows a token across its apps.
        self.run = uuid.uuid4().hex[:8]
        self.old_tokens: dict[str, str] = {}

    def device_token(self, phone: str) -> str:
        return f"token-of-{phone}-{self.run}"

    # What a binding supplies
    @abc.abstractmethod
    def send(
        self, method: str, path: str, headers: dict[str, str], body: bytes, query: dict[str, str]
    ) -> Answer:
        """One request through the binding's HTTP entrypoint."""

    @abc.abstractmethod
    def token(self, user: str, app: str | None = None) -> str: ...

    @abc.abstractmethod
    def put_object(self, url: str, data: bytes, headers: dict[str, str]) -> None:
        """PUT through an upload link with the headers its answer named, then whatever the
        platform does when an object arrives."""

    def get_object(self, url: str) -> bytes:
        """GET through a download link (each platform's storage answers it itself)."""
        response = httpx.get(url)
        assert response.status_code == 200, response.text
        return response.content

    def settle(self) -> None:
        """Let the platform deliver what the last action queued (events, jobs)."""

    # Plumbing
    def call(
        self,
        method: str,
        path: str,
        user: str | None = None,
        app: str | None = None,
        *,
        json_body: object = None,
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
        query: dict[str, str] | None = None,
    ) -> Any:
        headers = dict(headers or {})
        if user is not None:
            token = self.oauth_token(user, app) or self.token(user, app)
            headers["Authorization"] = f"Bearer {token}"
        body = content if content is not None else b""
        if json_body is not None:
            body, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        answer = self.send(method, path, headers, body, query or {})
        self.settle()
        assert answer.status < 500, f"{method} {path} answered {answer.status}: {answer.body!r}"
        if answer.status == 429:
            raise too_many(answer.status, answer.headers, answer.body)
        if answer.status >= 400:
            assert answer.headers["content-type"].startswith("application/problem+json")
            raise Refused(KINDS.get(answer.status, "invalid"), answer.body.decode())
        return json.loads(answer.body) if answer.body else None

    def pet(self, name: str) -> str:
        return self.ids[name]

    # Pets and trackers
    def register_pet(self, owner: str, species: str, name: str, weight_kg: float) -> None:
        body = {"name": name, "species": species, "weight_kg": weight_kg}
        self.ids[name] = self.call("POST", "/pets", owner, json_body=body)["id"]
        self.footprint(owner).pets |= {self.ids[name], name}

    def pet_names(self, viewer: str) -> list[str]:
        return [pet["name"] for pet in self.call("GET", "/pets", viewer)["pets"]]

    def step_goal(self, viewer: str, pet: str) -> int:
        return int(self.call("GET", f"/pets/{self.pet(pet)}", viewer)["daily_step_goal"])

    def set_step_goal(self, owner: str, pet: str, goal: int) -> None:
        self.call("PATCH", f"/pets/{self.pet(pet)}", owner, json_body={"daily_step_goal": goal})

    def record_weight(self, owner: str, pet: str, weight_kg: float, day: date | None) -> None:
        body: dict[str, Any] = {"weight_kg": weight_kg}
        if day is not None:
            body["day"] = day.isoformat()
        self.call("POST", f"/pets/{self.pet(pet)}/weights", owner, json_body=body)

    def pair_tracker(self, owner: str, serial: str, pet: str) -> None:
        self.call("PUT", f"/pets/{self.pet(pet)}/tracker", owner, json_body={"serial": serial})
        self.footprint(owner).serials.add(serial)

    def paired_pet(self, owner: str, serial: str) -> str:
        pet_id = self.call("GET", f"/trackers/{serial}", owner)["pet_id"]
        return next(name for name, known in self.ids.items() if known == pet_id)

    def set_time_zone(self, owner: str, time_zone: str) -> None:
        self.call("PUT", "/me", owner, json_body={"time_zone": time_zone})

    # Readings
    def sync_bundle(self, owner: str, serial: str, content: str) -> Delivery:
        started = self.call("POST", f"/trackers/{serial}/bundles", owner)
        self.footprint(owner).bundles.add(started["bundle_id"])
        self.put_object(started["upload_url"], content.encode(), started["headers"])
        report = self.call("GET", f"/bundles/{started['bundle_id']}", owner)["report"]
        assert report is not None, "the bundle was not processed after its upload"
        rejected = tuple((r["line"], r["field"]) for r in report["rejected"])
        return Delivery(report["accepted"], report["duplicates"], rejected)

    def quarantined(self, admin: str, serial: str) -> int:
        return len(self.call("GET", "/quarantine", admin, query={"tracker": serial})["readings"])

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

    # Series and whereabouts
    def daily_steps(
        self, viewer: str, pet: str, first: date, last: date, app: str | None = None
    ) -> list[int]:
        query = {"from": first.isoformat(), "to": last.isoformat()}
        found = self.call("GET", f"/pets/{self.pet(pet)}/activity", viewer, app, query=query)
        return [day["steps"] for day in found["days"]]

    def hourly_steps(self, viewer: str, pet: str, day: date) -> list[tuple[str, int]]:
        path = f"/pets/{self.pet(pet)}/activity/{day.isoformat()}/hours"
        return [(h["start"][11:16], h["steps"]) for h in self.call("GET", path, viewer)["hours"]]

    def whereabouts(self, viewer: str, pet: str) -> tuple[str, float, float]:
        found = self.call("GET", f"/pets/{self.pet(pet)}/whereabouts", viewer)
        return found["time"], found["latitude"], found["longitude"]

    def set_safe_zone(
        self, owner: str, pet: str, latitude: float, longitude: float, radius_m: float
    ) -> None:
        body = {"latitude": latitude, "longitude": longitude, "radius_m": radius_m}
        self.call("PUT", f"/pets/{self.pet(pet)}/safe-zone", owner, json_body=body)

    # Devices and the owner's data
    def tracker_status(self, owner: str, serial: str) -> tuple[int | None, str | None]:
        found = self.call("GET", f"/trackers/{serial}", owner)
        return found["battery"], found["last_reading_at"]

    def unpair_tracker(self, owner: str, pet: str) -> None:
        self.call("DELETE", f"/pets/{self.pet(pet)}/tracker", owner)

    def remove_pet(self, owner: str, pet: str) -> None:
        self.call("DELETE", f"/pets/{self.pet(pet)}", owner)

    def remove_phone(self, owner: str, phone: str) -> None:
        self.call("DELETE", f"/phones/{phone}", owner)

    def request_export(self, owner: str) -> str:
        return str(self.call("POST", "/me/export", owner)["id"])

    def export_records(self, viewer: str, export_id: str) -> list[dict[str, object]]:
        found = self.call("GET", f"/me/export/{export_id}", viewer)
        assert found["status"] == "ready", found
        return exported(self.get_object(found["download_url"]))

    def register_phone(self, owner: str, platform: str, phone: str) -> None:
        body = {"name": phone, "platform": platform, "device_token": self.device_token(phone)}
        self.call("POST", "/phones", owner, json_body=body)
        self.footprint(owner).phones |= {phone, self.device_token(phone)}

    # Apps
    def grant(self, owner: str, app: str, scopes: list[str]) -> None:
        self.call("PUT", f"/grants/{self.ids[app]}", owner, json_body={"scopes": scopes})

    def revoke(self, owner: str, app: str) -> None:
        self.call("DELETE", f"/grants/{self.ids[app]}", owner)

    def grants(self, owner: str) -> dict[str, list[str]]:
        return {
            g["app_name"]: sorted(g["scopes"]) for g in self.call("GET", "/grants", owner)["grants"]
        }

    # Content
    def webhook(self, key: str | None, topic: str, body: dict[str, Any]) -> None:
        headers = {"X-Contentful-Topic": topic, "Content-Type": CONTENTFUL_TYPE}
        if key is not None:
            headers["X-Api-Key"] = key
        self.call(
            "POST", "/webhooks/contentful", headers=headers, content=json.dumps(body).encode()
        )

    def cms_publish(self, key: str | None, article: str, title: str, tag: str) -> None:
        fields = {"title": {"en-US": title}, "body": {"en-US": f"{title}."}, "tag": {"en-US": tag}}
        self.webhook(
            key,
            "ContentManagement.Entry.publish",
            {"sys": entry_sys(article), "fields": fields},
        )

    def cms_unpublish(self, key: str | None, article: str) -> None:
        body = {"sys": entry_sys(article, "DeletedEntry")}
        self.webhook(key, "ContentManagement.Entry.unpublish", body)

    def article_title(self, article: str) -> str | None:
        try:
            return str(self.call("GET", f"/articles/{article}")["title"])
        except Refused:
            return None

    # Photos
    def upload_photo(self, owner: str, pet: str, photo: bytes) -> None:
        upload = self.call("POST", f"/pets/{self.pet(pet)}/photo", owner)
        self.put_object(upload["upload_url"], photo, upload["headers"])

    def download_photo(self, viewer: str, pet: str) -> bytes:
        link = self.call("GET", f"/pets/{self.pet(pet)}/photo", viewer)["download_url"]
        return self.get_object(link)

    # Administration
    def user_names(self, viewer: str) -> list[str]:
        return [u["name"] for u in self.call("GET", "/users", viewer)["users"]]

    # Privacy
    def delete_account(self, owner: str) -> None:
        self.footprint(owner)  # learnt while the owner's token still works
        self.old_tokens[owner] = token = self.token(owner)
        self.call("DELETE", "/me", headers={"Authorization": f"Bearer {token}"})

    def old_token_refused(self, owner: str) -> bool:
        headers = {"Authorization": f"Bearer {self.old_tokens[owner]}"}
        answer = self.send("GET", "/me", headers, b"", {})
        return answer.status == 401 and answer.headers["content-type"].startswith(
            "application/problem+json"
        )
