"""Server-side request forgery through subscriptions: an app names the URL Pawtrack calls, so
the clouds' default refuses every address that is not public (loopback, private, link-local
and the metadata services, unique-local, carrier-grade NAT, IPv4 mapped in IPv6), a host name
that resolves to one, any scheme but https and any credentials in the URL; a call follows no
redirect and times out in seconds. Each case is one of the figure "webhook-ssrf"."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from adapters.httpx_webhook_sender import HttpxWebhookSender
from application.ports.apps import DeliveryFailed
from domain.apps import Change, ChangeKind, Subscription, WebhookMessage, endpoint_url
from domain.errors import InvalidInput
from tests.support.figures import Figures

ROW, COLUMN = "webhook-ssrf", "core"
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
SECRET = "whsec_c2VjcmV0c2VjcmV0"
MESSAGE = WebhookMessage.of("app", Change(ChangeKind.REVOKED, "alice"), NOW)


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.vetbook.example/in",  # not https
        "https://127.0.0.1/in",
        "https://127.1.2.3/in",
        "https://[::1]/in",
        "https://localhost/in",
        "https://hooks.localhost/in",
        "https://0.0.0.0/in",
        "https://10.0.0.1/in",
        "https://172.16.5.4/in",
        "https://192.168.1.1/in",
        "https://169.254.169.254/latest/meta-data/",  # AWS, Azure and GCP instance metadata
        "https://[fd00:ec2::254]/in",  # EC2's IPv6 metadata
        "https://100.64.0.1/in",  # carrier-grade NAT
        "https://[::ffff:127.0.0.1]/in",
        "https://metadata.google.internal/in",
        "https://user:password@hooks.vetbook.example/in",
        "https://hooks.vetbook.example/in#fragment",
        "ftp://hooks.vetbook.example/in",
    ],
)
def test_the_clouds_refuse_endpoints_that_are_not_public(url: str, figures: Figures) -> None:
    try:
        endpoint_url(url, allow_loopback=False)
    except InvalidInput:
        held = True
    else:
        held = False
    figures.record(ROW, COLUMN, held=held)
    assert held, url


def test_a_public_https_endpoint_is_accepted() -> None:
    assert endpoint_url("https://hooks.vetbook.example/in", allow_loopback=False)


def recording(answer: httpx.Response) -> tuple[HttpxWebhookSender, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer

    client = httpx.Client(transport=httpx.MockTransport(handle))
    return HttpxWebhookSender(client, allow_private=False, resolver=RESOLVER.get), sent


RESOLVER = {
    "rebound.vetbook.example": ["10.0.0.7"],
    "mixed.vetbook.example": ["93.184.216.34", "127.0.0.1"],
    "hooks.vetbook.example": ["93.184.216.34"],
}


@pytest.mark.parametrize("host", ["rebound.vetbook.example", "mixed.vetbook.example"])
def test_a_name_resolving_to_a_private_address_is_never_called(host: str, figures: Figures) -> None:
    sender, sent = recording(httpx.Response(204))
    subscription = Subscription("app", f"https://{host}/in", NOW)
    with pytest.raises(DeliveryFailed):
        sender.send(subscription.url, SECRET, MESSAGE, NOW)
    held = not sender.challenge(subscription.url, "c") and sent == []
    figures.record(ROW, COLUMN, held=held)
    assert held, sent


def test_redirects_are_not_followed_and_calls_time_out(figures: Figures) -> None:
    redirect = httpx.Response(302, headers={"location": "http://169.254.169.254/latest/"})
    sender, sent = recording(redirect)
    subscription = Subscription("app", "https://hooks.vetbook.example/in", NOW)
    with pytest.raises(DeliveryFailed, match="302"):
        sender.send(subscription.url, SECRET, MESSAGE, NOW)
    timeout = sent[0].extensions["timeout"]
    held = (
        [str(r.url) for r in sent] == ["https://93.184.216.34/in"]  # the address checked
        and all(0 < seconds <= 5 for seconds in timeout.values())
        and sent[0].headers["webhook-id"] == MESSAGE.id
    )
    figures.record(ROW, COLUMN, held=held, cases=2)
    assert held, (sent, timeout)


def test_the_call_goes_to_the_address_that_was_checked_under_the_hosts_name(
    figures: Figures,
) -> None:
    """DNS rebinding: a name that answers a public address to the check and a private one to
    the connection. The connection is made to the checked address (the name resolved once a
    call), with the name as Host and as TLS's server name."""
    answers = iter([["93.184.216.34"], ["10.0.0.7"], ["10.0.0.7"]])
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    client = httpx.Client(transport=httpx.MockTransport(handle))
    sender = HttpxWebhookSender(client, allow_private=False, resolver=lambda _: next(answers))
    sender.send("https://rebinding.vetbook.example:8443/in", SECRET, MESSAGE, NOW)
    (request,) = sent
    held = (
        str(request.url) == "https://93.184.216.34:8443/in"
        and request.headers["host"] == "rebinding.vetbook.example:8443"
        and request.extensions["sni_hostname"] == "rebinding.vetbook.example"
        and request.headers["webhook-id"] == MESSAGE.id
    )
    figures.record(ROW, COLUMN, held=held)
    assert held, (request.url, request.headers, request.extensions)
