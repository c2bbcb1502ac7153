"""What the two laptop providers (memory, local) build alike: the local issuer and its
verifier, and the in-process delivery of events and new objects to the use cases (each
provider queues jobs its own way: memory.py and local.py)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from dependency_injector import providers

from adapters.local.inprocess_event_publisher import InProcessEventPublisher
from adapters.local.jwt_identity_verifier import JwtIdentityVerifier
from adapters.local.jwt_token_issuer import JwtTokenIssuer
from application.ports.access import AppRegistry
from application.ports.clock import Clock
from application.ports.identity import IdentityVerifier, TokenIssuer, UserDirectory
from application.ports.messaging import EventPublisher
from entrypoints.settings import LocalSettings
from entrypoints.wiring.ports import upload_hook

Singleton = providers.ThreadSafeSingleton


def local_identity(
    settings: providers.Provider[LocalSettings],
    key: providers.Provider[RSAPrivateKey],
    clock: providers.Provider[Clock],
    users: providers.Provider[UserDirectory],
    apps: providers.Provider[AppRegistry],
) -> tuple[providers.Provider[TokenIssuer], providers.Provider[IdentityVerifier]]:
    """The local issuer signing with `key` (signing users up in `users`), and the verifier
    that reads its JWKS and knows the registered `apps`; both on the business clock, so tests
    can age tokens."""
    issuer: providers.Provider[TokenIssuer] = Singleton(
        JwtTokenIssuer,
        key,
        settings.provided.issuer,
        settings.provided.audience,
        clock,
        enrol=users.provided.add,
    )
    verifier: providers.Provider[IdentityVerifier] = Singleton(
        JwtIdentityVerifier,
        issuer.provided.public_keys,
        settings.provided.issuer,
        settings.provided.audience,
        apps,
        clock,
    )
    return issuer, verifier


def in_process(
    deliveries: providers.DependenciesContainer,
) -> tuple[providers.Provider[EventPublisher], providers.Provider[object]]:
    """Events to Announce at once, in the caller's thread, and the hook a laptop's blob store
    calls for a new object (what S3 and Event Grid tell the clouds)."""
    events: providers.Provider[EventPublisher] = Singleton(
        InProcessEventPublisher, deliveries.announce.provider
    )
    on_created: providers.Provider[object] = providers.Callable(
        upload_hook, deliveries.queue_bundle_processing.provider
    )
    return events, on_created
