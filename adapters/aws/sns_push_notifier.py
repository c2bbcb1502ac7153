"""Push notifications through SNS mobile push: APNS for iPhones, FCM (HTTP v1) for Android.

Each phone has one platform endpoint, found by its device token: CreatePlatformEndpoint
is idempotent for a token it knows, so no endpoint ARN needs storing. SNS disables an
endpoint when Apple or Google report its token invalid; the app may have registered
the same token again since, so a disabled endpoint is deleted and created afresh,
once per send.

A phone that still cannot be reached is skipped (send answers False) instead of raising:
an announcement goes to all of an owner's phones in turn, and raising would make the
event's Lambda retry the whole announcement, repeating it on the phones that got it,
while a dead token stays dead however often it is retried. Failures that are not
about the phone (throttling, SNS errors, a disabled platform application) do raise.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from botocore.exceptions import ClientError

from application.ports.notifications import PushNotifier
from domain.announcements import Phone, Platform

log = logging.getLogger(__name__)

TITLE = "Pawtrack"
_EXISTING = re.compile(r"Endpoint (arn:\S+) already exists with the same [Tt]oken")
_GONE = ("EndpointDisabled", "NotFound")  # the endpoint, not SNS, failed


class PhoneUnreachable(Exception):
    """SNS refused this phone's endpoint even after it was created afresh."""


class SnsPushNotifier(PushNotifier):
    def __init__(self, client: Any, apns_platform_arn: str, fcm_platform_arn: str) -> None:
        self._client = client
        self._applications = {Platform.IOS: apns_platform_arn, Platform.ANDROID: fcm_platform_arn}

    def send(self, phone: Phone, text: str) -> bool:
        try:
            self._deliver(phone, message(text))
        except PhoneUnreachable as error:
            log.info("push to %s's phone %r skipped: %s", phone.owner_id, phone.name, error)
            return False
        return True

    def forget(self, phone: Phone) -> None:
        """Deletes the token's endpoint, found as sending finds it (CreatePlatformEndpoint is
        idempotent for a known token, so no ARN is stored); a token SNS refuses has none."""
        try:
            endpoint = self._create(phone)
        except ClientError as error:
            existing = _existing_endpoint(error)
            if existing is None:
                if _code(error) == "InvalidParameter" and "Token" in _message(error):
                    return
                raise
            endpoint = existing
        self._client.delete_endpoint(EndpointArn=endpoint)

    def _deliver(self, phone: Phone, payload: str) -> None:
        endpoint, recreated = self._endpoint(phone)
        while True:
            try:
                self._client.publish(TargetArn=endpoint, MessageStructure="json", Message=payload)
                return
            except ClientError as error:
                if _code(error) not in _GONE:
                    raise
                if recreated:
                    raise PhoneUnreachable(f"{_code(error)} on a new endpoint") from error
            endpoint, recreated = self._recreate(endpoint, phone), True

    def _endpoint(self, phone: Phone) -> tuple[str, bool]:
        """The ARN of the phone's enabled endpoint, and whether it was made anew for this send."""
        try:
            return self._create(phone), False
        except ClientError as error:
            existing = _existing_endpoint(error)
            if existing is None:
                if _code(error) == "InvalidParameter" and "Token" in _message(error):
                    raise PhoneUnreachable(f"SNS refused its token: {_message(error)}") from error
                raise
        # The token has an endpoint made with other attributes: usable unless disabled.
        attributes = self._client.get_endpoint_attributes(EndpointArn=existing)["Attributes"]
        if str(attributes.get("Enabled", "true")).lower() != "false":
            return existing, False
        return self._recreate(existing, phone), True

    def _recreate(self, endpoint: str, phone: Phone) -> str:
        self._client.delete_endpoint(EndpointArn=endpoint)
        return self._create(phone)

    def _create(self, phone: Phone) -> str:
        answer = self._client.create_platform_endpoint(
            PlatformApplicationArn=self._applications[phone.platform], Token=phone.device_token
        )
        return str(answer["EndpointArn"])


def message(text: str) -> str:
    """A Publish message with MessageStructure=json: one payload per platform."""
    apns = json.dumps({"aps": {"alert": {"title": TITLE, "body": text}, "sound": "default"}})
    fcm = json.dumps(
        {"fcmV1Message": {"message": {"notification": {"title": TITLE, "body": text}}}}
    )
    return json.dumps({"default": text, "APNS": apns, "APNS_SANDBOX": apns, "GCM": fcm})


def _existing_endpoint(error: ClientError) -> str | None:
    """The ARN in "Endpoint <arn> already exists with the same Token, but different attributes"."""
    found = _EXISTING.search(_message(error)) if _code(error) == "InvalidParameter" else None
    return found.group(1) if found else None


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _message(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Message", ""))
