"""Secrets as files of the laptop's data directory (`.pawtrack/secrets/`), readable by their
owner only, as the link secret and the issuer's key are."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from application.ports.secrets import SecretStore

NAME = re.compile(r"[A-Za-z0-9-]{1,127}")


class FileSecretStore(SecretStore):
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def _path(self, name: str) -> Path:
        if not NAME.fullmatch(name):
            raise ValueError("a secret's name is letters, digits and dashes")
        return self._directory / name

    def put(self, name: str, value: str) -> None:
        self._directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self._path(name)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(value)

    def get(self, name: str) -> str | None:
        try:
            return self._path(name).read_text("utf-8")
        except FileNotFoundError:
            return None

    def delete(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(name).unlink()
