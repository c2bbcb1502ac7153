"""Webhook messages over HTTPS with httpx, signed per the Standard Webhooks specification by
its reference library (`standardwebhooks`: `webhook-id`, `webhook-timestamp`,
`webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`).

Outbound calls go only to the subscription's URL: no redirect is followed (a 3xx is a failed
delivery), every call times out in a few seconds, and unless the deployment allows it (a
laptop, `allow_private`) a host that resolves to a loopback, private, link-local or otherwise
non-public address is refused before any byte is sent (SSRF). The call then goes to the very
address that was checked: the URL names it, and the host name travels as the Host header and as
TLS's server name (SNI, and the name the certificate is verified against, through httpcore's
`sni_hostname`), so a name that resolves again differently (DNS rebinding) reaches nothing else.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from standardwebhooks.webhooks import Webhook

from application.ports.apps import DeliveryFailed, WebhookSender
from domain.apps import WebhookMessage, public_address

TIMEOUT = httpx.Timeout(5.0, connect=3.0)
Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    """Every address the host name resolves to (what the connection may reach)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)]


class HttpxWebhookSender(WebhookSender):
    def __init__(
        self, http_client: httpx.Client, allow_private: bool, resolver: Resolver = resolve
    ) -> None:
        self._http, self._allow_private, self._resolve = http_client, allow_private, resolver

    def send(self, url: str, secret: str, message: WebhookMessage, now: datetime) -> None:
        body = json.dumps(message.body(), separators=(",", ":")).encode()
        signature = Webhook(secret).sign(message.id, now, body)
        headers = {
            "content-type": "application/json",
            "webhook-id": message.id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature,
        }
        answer = self._post(url, body, headers)
        if not 200 <= answer.status_code < 300:
            raise DeliveryFailed(f"the endpoint answered {answer.status_code}")

    def challenge(self, url: str, challenge: str) -> bool:
        try:
            asked = f"{url}{'&' if '?' in url else '?'}{urlencode({'challenge': challenge})}"
            answer = self._http.get(**self._pinned(asked), timeout=TIMEOUT, follow_redirects=False)
        except (httpx.HTTPError, DeliveryFailed):
            return False
        return answer.status_code == 200 and answer.text.strip() == challenge

    def _post(self, url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        pinned = self._pinned(url)
        pinned["headers"] = {**headers, **pinned["headers"]}
        try:
            return self._http.post(**pinned, content=body, timeout=TIMEOUT, follow_redirects=False)
        except httpx.HTTPError as error:
            raise DeliveryFailed(f"{type(error).__name__}") from error

    def _pinned(self, url: str) -> dict[str, Any]:
        """The request's URL, headers and extensions: to the address the host was checked at
        (the first it resolved to), under the host's name; as given where private hosts are
        allowed (a laptop)."""
        if self._allow_private:
            return {"url": url, "headers": {}}
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            addresses = [ipaddress.ip_address(a) for a in self._resolve(host)]
        except (OSError, ValueError) as error:
            raise DeliveryFailed("the endpoint's host does not resolve") from error
        if not addresses or not all(public_address(a) for a in addresses):
            raise DeliveryFailed("the endpoint's host is not a public address")
        address = addresses[0]
        named = f"[{address}]" if address.version == 6 else str(address)
        port = f":{parts.port}" if parts.port else ""
        return {
            "url": parts._replace(netloc=f"{named}{port}").geturl(),
            "headers": {"host": f"{host}{port}"},
            "extensions": {"sni_hostname": host},
        }
