"""Push notifications through Azure Notification Hubs' REST API, sent directly to each phone.

Direct send (`?direct`, `ServiceBusNotification-DeviceHandle`) hands the phone's APNs
or FCM token to the hub as a pass-through: the phones are already kept in the
PhoneRegistry, so nothing is registered in the hub (no installations, no tags) and
there is no second list of devices to keep in step. iPhones get the `apple` format
(an APNs payload), Android phones `fcmv1` (an FCM HTTP v1 message).

Requests are signed with a Shared Access Signature from the namespace connection
string (a key with Send rights), valid for a few minutes. The connection string's
`sb://` endpoint is reached over HTTPS; plain HTTP only on loopback (the test fake).
Failures raise httpx.HTTPStatusError: the hub answers 201 on acceptance, and its
4xx (bad payload, 401 key) and 5xx/429 are worth a look or a retry.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse

import httpx

from application.ports.notifications import PushNotifier
from domain.announcements import Phone, Platform

TITLE = "Pawtrack"
SIGNATURE_LIFETIME_S = 300
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
# Direct send exists since 2015-04; the fcmv1 format needs the FCM v1 era's API version.
FORMATS = {Platform.IOS: ("apple", "2015-04"), Platform.ANDROID: ("fcmv1", "2023-10-01-preview")}


class NotificationHubsPushNotifier(PushNotifier):
    def __init__(self, http_client: httpx.Client, connection_string: str, hub: str) -> None:
        parts = _parse(connection_string)
        self._http, self._hub_url = http_client, f"{_base_url(parts['endpoint'])}/{hub}"
        self._key_name, self._key = parts["sharedaccesskeyname"], parts["sharedaccesskey"]

    def send(self, phone: Phone, text: str) -> bool:
        service_format, version = FORMATS[phone.platform]
        answer = self._http.post(
            f"{self._hub_url}/messages/?direct&api-version={version}",
            content=json.dumps(payload(phone.platform, text)).encode(),
            headers={
                "Authorization": self._signature(),
                "Content-Type": "application/json;charset=utf-8",
                "ServiceBusNotification-Format": service_format,
                "ServiceBusNotification-DeviceHandle": phone.device_token,
            },
        )
        answer.raise_for_status()
        return True

    def forget(self, phone: Phone) -> None:
        """Nothing to delete: a direct send registers nothing in the hub (no installation, no
        registration, no tag), and the hub keeps no device handle once a send is handed on."""

    def _signature(self) -> str:
        resource = urllib.parse.quote(self._hub_url.lower(), safe="")
        expiry = int(time.time()) + SIGNATURE_LIFETIME_S
        digest = hmac.new(self._key.encode(), f"{resource}\n{expiry}".encode(), hashlib.sha256)
        signature = urllib.parse.quote(base64.b64encode(digest.digest()).decode(), safe="")
        return (
            f"SharedAccessSignature sr={resource}&sig={signature}&se={expiry}&skn={self._key_name}"
        )


def payload(platform: Platform, text: str) -> dict[str, object]:
    if platform is Platform.IOS:
        return {"aps": {"alert": {"title": TITLE, "body": text}, "sound": "default"}}
    return {"message": {"notification": {"title": TITLE, "body": text}}}


def _parse(connection_string: str) -> dict[str, str]:
    parts = {}
    for segment in connection_string.split(";"):
        name, equals, value = segment.partition("=")
        if equals:
            parts[name.strip().lower()] = value.strip()
    missing = {"endpoint", "sharedaccesskeyname", "sharedaccesskey"} - parts.keys()
    if missing:
        raise ValueError(f"the Notification Hubs connection string lacks {sorted(missing)}")
    return parts


def _base_url(endpoint: str) -> str:
    """https:// for the namespace's sb:// endpoint; http:// only for a loopback test fake."""
    url = urllib.parse.urlsplit(endpoint)
    loopback = url.hostname in LOOPBACK
    if url.scheme not in ("sb", "https") and not (url.scheme == "http" and loopback):
        raise ValueError(f"not a Notification Hubs endpoint: {endpoint}")
    scheme = "http" if loopback else "https"
    return f"{scheme}://{url.netloc}{url.path.rstrip('/')}"
