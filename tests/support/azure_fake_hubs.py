"""A fake Azure Notification Hubs namespace with one hub, for direct sends.

It checks what the service checks before a notification goes to Apple or Google:
the Shared Access Signature (key name, HMAC-SHA256 of "<sr>\\n<se>" with the key,
expiry, and that `sr` covers the hub), the API version, the headers of a direct
send, and the payload's shape for its format (`apple`: an APNs `aps` with an
alert; `fcmv1`: an FCM v1 `message`; `gcm`: a legacy FCM body). What it accepted
is kept per device handle.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from typing import Any
from urllib.parse import parse_qsl

from .azure_fakes import LoopbackServer, Request, Response, problem

VERSIONS = {"apple": "2015-01", "gcm": "2015-01", "fcmv1": "2023-10-01-preview"}


class FakeNotificationHubs(LoopbackServer):
    def __init__(self, hub: str = "pawtrack", key_name: str = "DefaultFullSharedAccessSignature"):
        super().__init__()
        self.hub, self.key_name = hub, key_name
        self.key = base64.b64encode(secrets.token_bytes(32)).decode()
        self.deliveries: dict[str, list[tuple[str, dict[str, Any]]]] = {}

    @property
    def connection_string(self) -> str:
        return (
            f"Endpoint=sb://{self.netloc}/;SharedAccessKeyName={self.key_name};"
            f"SharedAccessKey={self.key}"
        )

    def handle(self, request: Request) -> Response:
        if request.method != "POST" or request.path != f"/{self.hub}/messages/":
            return problem(404, "NotFound", f"{request.method} {request.path}")
        refusal = self._unauthorized(request) or self._malformed(request)
        if refusal is not None:
            return refusal
        handle = request.headers["servicebusnotification-devicehandle"]
        service_format = request.headers["servicebusnotification-format"]
        with self.lock:
            self.deliveries.setdefault(handle, []).append((service_format, request.json()))
        return Response(201, headers={"TrackingId": secrets.token_hex(8)})

    def _unauthorized(self, request: Request) -> Response | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        fields = dict(parse_qsl(token, keep_blank_values=True))  # decodes sr and sig
        raw = dict(part.partition("=")[::2] for part in token.split("&"))  # as signed
        if scheme != "SharedAccessSignature" or not {"sr", "sig", "se", "skn"} <= fields.keys():
            return problem(401, "Unauthorized", "MalformedToken: SharedAccessSignature expected")
        if fields["skn"] != self.key_name:
            return problem(401, "Unauthorized", "InvalidSignature: unknown key name")
        expected = hmac.new(
            self.key.encode(), f"{raw['sr']}\n{fields['se']}".encode(), hashlib.sha256
        )
        if not hmac.compare_digest(base64.b64encode(expected.digest()).decode(), fields["sig"]):
            return problem(401, "Unauthorized", "InvalidSignature: the signature does not match")
        if not fields["se"].isdigit() or int(fields["se"]) < time.time():
            return problem(401, "Unauthorized", "ExpiredToken: the token has expired")
        resource = fields["sr"].lower().split("://", 1)[-1]
        if not f"{self.netloc}/{self.hub}/messages/".lower().startswith(resource.rstrip("/")):
            return problem(401, "Unauthorized", "InvalidAudience: sr does not cover the hub")
        return None

    def _malformed(self, request: Request) -> Response | None:
        query, headers = request.query, request.headers
        service_format = headers.get("servicebusnotification-format", "")
        if service_format not in VERSIONS:
            return problem(400, "BadRequest", f"unknown format {service_format!r}")
        if query.get("api-version", "") < VERSIONS[service_format]:
            return problem(400, "BadRequest", "the api-version does not support the format")
        if "direct" not in query or not headers.get("servicebusnotification-devicehandle"):
            return problem(400, "BadRequest", "a direct send needs ?direct and a device handle")
        if headers.get("content-type", "").replace(" ", "") != "application/json;charset=utf-8":
            return problem(400, "BadRequest", "Content-Type application/json;charset=utf-8")
        try:
            shown = shown_text(service_format, request.json())
        except (ValueError, KeyError, TypeError, AttributeError):
            shown = None
        if not isinstance(shown, str):
            return problem(400, "BadRequest", f"not a {service_format} notification payload")
        return None


def shown_text(service_format: str, payload: dict[str, Any]) -> Any:
    """What the phone shows of a payload of this format."""
    if service_format == "apple":
        alert = payload["aps"]["alert"]
        return alert if isinstance(alert, str) else alert["body"]
    if service_format == "fcmv1":
        return payload["message"]["notification"]["body"]
    return payload["notification"]["body"]
