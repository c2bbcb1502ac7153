"""Configuration, read once from the environment."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

CLOUDS = ("memory", "local", "aws", "azure")


def _required(env: Mapping[str, str], cloud: str) -> Callable[[str], str]:
    def required(name: str) -> str:
        if not env.get(name):
            raise ValueError(f"PAWTRACK_CLOUD={cloud} needs {name}")
        return env[name]

    return required


@attrs.frozen
class AwsSettings:
    """What a Lambda function of a deployment is told by template.yaml's environment."""

    region: str
    table: str
    bucket: str
    jobs_queue_url: str
    event_bus: str
    user_pool_id: str
    app_client_id: str
    apns_platform_arn: str
    fcm_platform_arn: str
    websocket_endpoint: str
    jwks_url: str

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> AwsSettings:
        required = _required(env, "aws")
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
            apns_platform_arn=required("PAWTRACK_APNS_PLATFORM_ARN"),
            fcm_platform_arn=required("PAWTRACK_FCM_PLATFORM_ARN"),
            websocket_endpoint=required("PAWTRACK_WEBSOCKET_ENDPOINT"),
            jwks_url=env.get("PAWTRACK_JWKS_URL") or default_jwks,
        )

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool_id}"


@attrs.frozen
class AzureSettings:
    """What a Function App of a deployment is told by infra/azure/main.bicep's app settings.

    Connection strings come from Key Vault references in Azure, never from the repository.
    """

    storage_connection: str
    table: str
    blob_container: str
    jobs_queue: str
    eventgrid_endpoint: str
    eventgrid_key: str
    notification_hub_connection: str
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

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> AzureSettings:
        required = _required(env, "azure")
        tenant = required("PAWTRACK_ENTRA_TENANT_ID")
        authority = env.get("PAWTRACK_ENTRA_AUTHORITY", "https://login.microsoftonline.com").rstrip(
            "/"
        )
        allowed = env.get("PAWTRACK_ENTRA_ALLOWED_TENANTS", tenant)
        return cls(
            storage_connection=required("PAWTRACK_STORAGE_CONNECTION"),
            table=env.get("PAWTRACK_TABLE", "pawtrack"),
            blob_container=env.get("PAWTRACK_BLOB_CONTAINER", "pawtrack"),
            jobs_queue=env.get("PAWTRACK_JOBS_QUEUE", "pawtrack-jobs"),
            eventgrid_endpoint=required("PAWTRACK_EVENTGRID_ENDPOINT"),
            eventgrid_key=required("PAWTRACK_EVENTGRID_KEY"),
            notification_hub_connection=required("PAWTRACK_NOTIFICATION_HUB_CONNECTION"),
            notification_hub=required("PAWTRACK_NOTIFICATION_HUB"),
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
        )

    @property
    def issuer(self) -> str:
        """Entra's v2 issuer of the home tenant; a token of another allowed tenant names its own."""
        return f"{self.authority}/{self.tenant_id}/v2.0"


@attrs.frozen
class Settings:
    """`PAWTRACK_CLOUD` picks the adapters: `local` (SQLite and files, the default), `memory`
    (nothing kept; tests and throwaway demos), `aws` or `azure` (their settings read from the
    environment too)."""

    cloud: str = "local"
    data_dir: Path = Path(".pawtrack")
    base_url: str = "http://127.0.0.1:8000"
    audience: str = "pawtrack"
    link_secret: bytes | None = None
    aws: AwsSettings | None = None
    azure: AzureSettings | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        cloud = env.get("PAWTRACK_CLOUD", "local")
        if cloud not in CLOUDS:
            raise ValueError(f"PAWTRACK_CLOUD must be one of {', '.join(CLOUDS)}, not {cloud!r}")
        secret = env.get("PAWTRACK_LINK_SECRET")
        return cls(
            cloud=cloud,
            data_dir=Path(env.get("PAWTRACK_DATA_DIR", ".pawtrack")),
            base_url=env.get("PAWTRACK_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            audience=env.get("PAWTRACK_AUDIENCE", "pawtrack"),
            link_secret=secret.encode() if secret else None,
            aws=AwsSettings.from_environment(env) if cloud == "aws" else None,
            azure=AzureSettings.from_environment(env) if cloud == "azure" else None,
        )

    def as_config(self) -> dict[str, object]:
        local = self.cloud == "local"
        return {
            "cloud": self.cloud,
            "base_url": self.base_url,
            "issuer": self.base_url,
            "audience": self.audience,
            "database_path": str(self.data_dir / "pawtrack.db"),
            "blob_root": str(self.data_dir / "blobs"),
            "signing_key_path": self.data_dir / "issuer-key.pem" if local else None,
            "link_secret": self.link_secret or _stored_secret(self.data_dir, local),
            "aws": {**attrs.asdict(self.aws), "issuer": self.aws.issuer} if self.aws else {},
            "azure": {**attrs.asdict(self.azure), "issuer": self.azure.issuer}
            if self.azure
            else {},
        }


def _stored_secret(data_dir: Path, persist: bool) -> bytes:
    """The local link-signing secret: made once per data directory, never in the repository."""
    if not persist:
        return secrets.token_bytes(32)
    path = data_dir / "link-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_bytes(secrets.token_bytes(32))
    return path.read_bytes()
