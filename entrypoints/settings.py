"""Configuration, read once from the environment."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

import attrs

# "azure" joins when its binding lands (issue 4).
CLOUDS = ("memory", "local", "aws")


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
        def required(name: str) -> str:
            if not env.get(name):
                raise ValueError(f"PAWTRACK_CLOUD=aws needs {name}")
            return env[name]

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
class Settings:
    """`PAWTRACK_CLOUD` picks the adapters: `local` (SQLite and files, the default), `memory`
    (nothing kept; tests and throwaway demos) or `aws` (with `aws`, read from the environment)."""

    cloud: str = "local"
    data_dir: Path = Path(".pawtrack")
    base_url: str = "http://127.0.0.1:8000"
    audience: str = "pawtrack"
    link_secret: bytes | None = None
    aws: AwsSettings | None = None

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
