from __future__ import annotations

import base64
import secrets

import attrs

from application.ports.access import AppRegistry
from application.ports.apps import Subscriptions, WebhookSender
from application.ports.clock import Clock
from application.ports.secrets import SecretStore
from domain.access import App
from domain.apps import Subscription, digest, endpoint_url, webhook_secret_name
from domain.errors import InvalidInput, Unauthenticated


@attrs.frozen
class AppCredentials:
    client_id: str
    client_secret: str


@attrs.frozen
class SubscribeCommand:
    app: AppCredentials
    url: str


def authenticated_app(apps: AppRegistry, credentials: AppCredentials) -> App:
    """The app whose client id and secret these are; Unauthenticated otherwise."""
    app = apps.get(credentials.client_id) if credentials.client_id else None
    if (
        app is None
        or not app.terms.secret_digest
        or not secrets.compare_digest(app.terms.secret_digest, digest(credentials.client_secret))
    ):
        raise Unauthenticated("unknown client or wrong secret")
    return app


class SubscribeApp:
    """An app registers its one endpoint: it must answer a challenge first. The answer holds
    the secret every message is signed with (shown this once)."""

    def __init__(
        self,
        apps: AppRegistry,
        subscriptions: Subscriptions,
        secret_store: SecretStore,
        sender: WebhookSender,
        clock: Clock,
        allow_loopback: bool,
    ) -> None:
        self._apps, self._subscriptions, self._sender = apps, subscriptions, sender
        self._secrets, self._clock, self._allow_loopback = secret_store, clock, allow_loopback

    def __call__(self, command: SubscribeCommand) -> Subscribed:
        app = authenticated_app(self._apps, command.app)
        url = endpoint_url(command.url, self._allow_loopback)
        if not self._sender.challenge(url, secrets.token_urlsafe(24)):
            raise InvalidInput("url", "the endpoint did not answer the challenge")
        secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
        subscription = Subscription(app.id, url, self._clock.now())
        self._secrets.put(subscription.secret_name, secret)  # before: no message goes unsigned
        self._subscriptions.subscribe(subscription)
        return Subscribed(subscription, secret)


@attrs.frozen
class Subscribed:
    """The subscription, and its signing secret (shown this once; kept in the secret store)."""

    subscription: Subscription
    secret: str


class UnsubscribeApp:
    def __init__(
        self, apps: AppRegistry, subscriptions: Subscriptions, secret_store: SecretStore
    ) -> None:
        self._apps, self._subscriptions, self._secrets = apps, subscriptions, secret_store

    def __call__(self, credentials: AppCredentials) -> None:
        app = authenticated_app(self._apps, credentials)
        self._subscriptions.unsubscribe(app.id)
        self._secrets.delete(webhook_secret_name(app.id))
