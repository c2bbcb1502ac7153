"""Configuration, read once from the environment into typed settings, one object per provider.

Reading settings does no I/O beyond the environment: what a provider keeps on disk (the local
link secret, the issuer's key) is made by its adapters on first use.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import attrs

from domain.content import ContentModel


class Cloud(enum.StrEnum):
    """`PAWTRACK_CLOUD`: which provider's adapters serve the ports."""

    MEMORY = "memory"  # nothing kept: tests and throwaway demos
    LOCAL = "local"  # SQLite and files on this machine (the default)
    AWS = "aws"
    AZURE = "azure"


class ConfigurationError(ValueError):
    """A setting is missing or has a value it may not have; the message names the variable."""


def _required(env: Mapping[str, str], cloud: Cloud) -> Callable[[str], str]:
    def required(name: str) -> str:
        if not env.get(name):
            raise ConfigurationError(f"PAWTRACK_CLOUD={cloud} needs {name}")
        return env[name]

    return required


@attrs.frozen
class LocalSettings:
    """The laptop's settings (memory and local providers): where data lives, the server's
    address (the token issuer and the links name it), the audience tokens carry."""

    data_dir: Path = Path(".pawtrack")
    base_url: str = "http://127.0.0.1:8000"
    audience: str = "pawtrack"
    link_secret: bytes | None = None  # None: made once per data directory (local) or per process
    # Webhooks to loopback and private addresses (a laptop's receivers, the tests); off unless
    # PAWTRACK_WEBHOOKS_TO_LOOPBACK=1, and never the clouds' default.
    webhooks_to_loopback: bool = False

    @property
    def issuer(self) -> str:
        return self.base_url

    @property
    def database_path(self) -> Path:
        return self.data_dir / "pawtrack.db"

    @property
    def blob_root(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def signing_key_path(self) -> Path:
        return self.data_dir / "issuer-key.pem"

    @property
    def secrets_dir(self) -> Path:
        return self.data_dir / "secrets"

    @property
    def dead_letters_dir(self) -> Path:
        return self.data_dir / "dead-letters"

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> LocalSettings:
        secret = env.get("PAWTRACK_LINK_SECRET")
        return cls(
            data_dir=Path(env.get("PAWTRACK_DATA_DIR", ".pawtrack")),
            base_url=base_url_of(env.get("PAWTRACK_BASE_URL", "http://127.0.0.1:8000")),
            audience=env.get("PAWTRACK_AUDIENCE", "pawtrack"),
            link_secret=secret.encode() if secret else None,
            webhooks_to_loopback=env.get("PAWTRACK_WEBHOOKS_TO_LOOPBACK") == "1",
        )


def base_url_of(value: str) -> str:
    """An http(s) address with a host and no path: tokens name it as their issuer."""
    parts = urlsplit(value.rstrip("/"))
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or port == -1:
        raise ConfigurationError(
            f"PAWTRACK_BASE_URL must be http(s)://host[:port] (e.g. http://127.0.0.1:8001), not {value!r}"
        )
    return value.rstrip("/")


@attrs.frozen
class AwsSettings:
    """What a Lambda function of a deployment is told by template.yaml's environment. No secret
    is among them: S3 signs links with the function's role, and the APNs and FCM keys stay in
    the SNS platform applications (made from SSM SecureString parameters by `make deploy-aws`).
    Without platform applications (a DEV stage), pushes go to the log (`push_outbox`)."""

    region: str
    table: str
    bucket: str
    jobs_queue_url: str
    event_bus: str
    user_pool_id: str
    app_client_id: str
    apns_platform_arn: str | None
    fcm_platform_arn: str | None
    websocket_endpoint: str
    jwks_url: str
    cursor_key_id: str
    service: str = "pawtrack"
    metrics_namespace: str = "Pawtrack"
    # Pawtrack's authorization server: the API's public URL (its /oauth/login), Cognito's
    # managed login domain, whether webhooks may go to loopback (tests only).
    public_url: str = ""
    signin_url: str = ""
    signin_client_id: str = ""  # the client Cognito signs owners in for (default: the mobile one)
    approval_state_machine: str = ""  # the ARN of the app-approval workflow
    secrets_path: str = "/pawtrack/secrets"  # SSM Parameter Store: where secrets are kept
    webhooks_to_loopback: bool = False

    @property
    def push_outbox(self) -> bool:
        return not (self.apns_platform_arn and self.fcm_platform_arn)

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> AwsSettings:
        required = _required(env, Cloud.AWS)
        region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or required("AWS_REGION")
        pool = required("PAWTRACK_USER_POOL_ID")
        default_jwks = f"https://cognito-idp.{region}.amazonaws.com/{pool}/.well-known/jwks.json"
        return cls(
            region=region,
            table=required("PAWTRACK_TABLE"),
            bucket=required("PAWTRACK_BUCKET"),
            jobs_queue_url=required("PAWTRACK_JOBS_QUEUE_URL"),
            event_bus=required("PAWTRACK_EVENT_BUS"),
            user_pool_id=pool,
            app_client_id=required("PAWTRACK_APP_CLIENT_ID"),
            apns_platform_arn=env.get("PAWTRACK_APNS_PLATFORM_ARN") or None,
            fcm_platform_arn=env.get("PAWTRACK_FCM_PLATFORM_ARN") or None,
            websocket_endpoint=required("PAWTRACK_WEBSOCKET_ENDPOINT"),
            jwks_url=env.get("PAWTRACK_JWKS_URL") or default_jwks,
            cursor_key_id=required("PAWTRACK_CURSOR_KEY_ID"),
            service=env.get("POWERTOOLS_SERVICE_NAME") or "pawtrack",
            metrics_namespace=env.get("POWERTOOLS_METRICS_NAMESPACE") or "Pawtrack",
            public_url=env.get("PAWTRACK_PUBLIC_URL", "").rstrip("/"),
            signin_url=env.get("PAWTRACK_SIGNIN_URL", "").rstrip("/"),
            signin_client_id=env.get("PAWTRACK_SIGNIN_CLIENT_ID")
            or required("PAWTRACK_APP_CLIENT_ID"),
            approval_state_machine=env.get("PAWTRACK_APPROVAL_STATE_MACHINE", ""),
            secrets_path=env.get("PAWTRACK_SECRETS_PATH", "/pawtrack/secrets"),
            webhooks_to_loopback=env.get("PAWTRACK_WEBHOOKS_TO_LOOPBACK") == "1",
        )

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool_id}"


@attrs.frozen
class AzureSettings:
    """What a Function App of a deployment is told by infra/azure/main.bicep's app settings.

    Connection strings come from Key Vault references in Azure, never from the repository.
    Without a Notification Hubs connection (a DEV stage without APNs and FCM credentials),
    pushes go to the log (`push_outbox`); without Application Insights, metrics go nowhere.
    """

    storage_connection: str
    table: str
    blob_container: str
    poison_container: str
    jobs_queue: str
    eventgrid_endpoint: str
    eventgrid_key: str
    notification_hub_connection: str | None
    notification_hub: str
    webpubsub_connection: str
    webpubsub_hub: str
    tenant_id: str
    audience: str
    mobile_client_id: str
    admin_role_id: str | None
    allowed_tenants: tuple[str, ...]
    authority: str
    jwks_url: str
    graph_url: str
    graph_client_id: str
    graph_client_secret: str
    insights_connection: str | None = None
    service: str = "pawtrack"
    public_url: str = ""  # the API's public URL: Entra returns owners to its /oauth/login
    webhooks_to_loopback: bool = False
    # The Durable extension's HTTP API (the approval orchestration) and its system key.
    durable_url: str = ""
    durable_key: str = ""
    keyvault_url: str = ""  # the stage's Key Vault, where secrets are kept

    @property
    def push_outbox(self) -> bool:
        return not self.notification_hub_connection

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> AzureSettings:
        required = _required(env, Cloud.AZURE)
        tenant = required("PAWTRACK_ENTRA_TENANT_ID")
        authority = env.get("PAWTRACK_ENTRA_AUTHORITY", "https://login.microsoftonline.com")
        authority = authority.rstrip("/")
        allowed = env.get("PAWTRACK_ENTRA_ALLOWED_TENANTS", tenant)
        return cls(
            storage_connection=required("PAWTRACK_STORAGE_CONNECTION"),
            table=env.get("PAWTRACK_TABLE", "pawtrack"),
            blob_container=env.get("PAWTRACK_BLOB_CONTAINER", "pawtrack"),
            poison_container=env.get("PAWTRACK_POISON_CONTAINER", "poison"),
            jobs_queue=env.get("PAWTRACK_JOBS_QUEUE", "pawtrack-jobs"),
            eventgrid_endpoint=required("PAWTRACK_EVENTGRID_ENDPOINT"),
            eventgrid_key=required("PAWTRACK_EVENTGRID_KEY"),
            notification_hub_connection=env.get("PAWTRACK_NOTIFICATION_HUB_CONNECTION") or None,
            notification_hub=env.get("PAWTRACK_NOTIFICATION_HUB", "pawtrack"),
            webpubsub_connection=required("PAWTRACK_WEBPUBSUB_CONNECTION"),
            webpubsub_hub=env.get("PAWTRACK_WEBPUBSUB_HUB", "live"),
            tenant_id=tenant,
            audience=required("PAWTRACK_ENTRA_AUDIENCE"),
            mobile_client_id=required("PAWTRACK_ENTRA_MOBILE_CLIENT_ID"),
            admin_role_id=env.get("PAWTRACK_ENTRA_ADMIN_ROLE_ID") or None,
            allowed_tenants=tuple(t.strip() for t in allowed.split(",") if t.strip()),
            authority=authority,
            jwks_url=env.get("PAWTRACK_ENTRA_JWKS_URL")
            or f"{authority}/{tenant}/discovery/v2.0/keys",
            graph_url=env.get("PAWTRACK_GRAPH_URL", "https://graph.microsoft.com").rstrip("/"),
            graph_client_id=required("PAWTRACK_GRAPH_CLIENT_ID"),
            graph_client_secret=required("PAWTRACK_GRAPH_CLIENT_SECRET"),
            insights_connection=env.get("APPLICATIONINSIGHTS_CONNECTION_STRING") or None,
            service=env.get("PAWTRACK_SERVICE") or "pawtrack",
            public_url=env.get("PAWTRACK_PUBLIC_URL", "").rstrip("/"),
            webhooks_to_loopback=env.get("PAWTRACK_WEBHOOKS_TO_LOOPBACK") == "1",
            durable_url=env.get("PAWTRACK_DURABLE_URL") or env.get("PAWTRACK_PUBLIC_URL", ""),
            durable_key=env.get("PAWTRACK_DURABLE_KEY", ""),
            keyvault_url=env.get("PAWTRACK_VAULT_URL", ""),
        )

    @property
    def issuer(self) -> str:
        """Entra's v2 issuer of the home tenant; a token of another allowed tenant names its own."""
        return f"{self.authority}/{self.tenant_id}/v2.0"


def content_model(env: Mapping[str, str]) -> ContentModel:
    """The CMS's configuration, on every provider: `PAWTRACK_CONTENT_TYPE`, the id of the
    Contentful content type whose entries are articles (default `article`), and
    `PAWTRACK_CONTENT_LOCALES`, the locales read, comma-separated, the default first (`en-US`)."""
    locales = tuple(
        locale.strip() for locale in env.get("PAWTRACK_CONTENT_LOCALES", "en-US").split(",")
    )
    if not all(locales):
        raise ConfigurationError("PAWTRACK_CONTENT_LOCALES must name locales, e.g. en-US,de-DE")
    return ContentModel(env.get("PAWTRACK_CONTENT_TYPE") or "article", locales)


@attrs.frozen
class Settings:
    """`PAWTRACK_CLOUD` picks the provider; the settings of that provider are read with it."""

    cloud: Cloud = Cloud.LOCAL
    local: LocalSettings = LocalSettings()
    aws: AwsSettings | None = None
    azure: AzureSettings | None = None
    content: ContentModel = ContentModel()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        cloud = cloud_of(env.get("PAWTRACK_CLOUD", Cloud.LOCAL))
        return cls(
            cloud=cloud,
            local=LocalSettings.from_environment(env),
            aws=AwsSettings.from_environment(env) if cloud is Cloud.AWS else None,
            azure=AzureSettings.from_environment(env) if cloud is Cloud.AZURE else None,
            content=content_model(env),
        )


def cloud_of(name: str) -> Cloud:
    try:
        return Cloud(name)
    except ValueError:
        allowed = ", ".join(cloud.value for cloud in Cloud)
        raise ConfigurationError(f"PAWTRACK_CLOUD must be one of {allowed}, not {name!r}") from None
