"""Configuration, read once from the environment."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

import attrs

# "aws" and "azure" join when their bindings land (issues 3 and 4).
CLOUDS = ("memory", "local")


@attrs.frozen
class Settings:
    """`PAWTRACK_CLOUD` picks the adapters: `local` (SQLite and files, the default) or `memory`
    (nothing kept; tests and throwaway demos)."""

    cloud: str = "local"
    data_dir: Path = Path(".pawtrack")
    base_url: str = "http://127.0.0.1:8000"
    audience: str = "pawtrack"
    link_secret: bytes | None = None

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
