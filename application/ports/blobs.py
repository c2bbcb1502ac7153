from __future__ import annotations

import abc
from datetime import timedelta


class BlobStore(abc.ABC):
    """Object storage that callers reach directly through short-lived links."""

    @abc.abstractmethod
    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> str:
        """A URL that accepts one HTTP PUT of the object's bytes until it expires."""

    @abc.abstractmethod
    def download_link(self, key: str, valid_for: timedelta) -> str:
        """A URL that answers HTTP GET with the object's bytes until it expires."""

    @abc.abstractmethod
    def read(self, key: str) -> bytes | None:
        """The object's bytes, or None when there is no such object."""

    @abc.abstractmethod
    def exists(self, key: str) -> bool:
        """Whether an object is stored under the key."""

    @abc.abstractmethod
    def delete(self, key: str) -> None:
        """Delete the object for good. No such object: nothing happens."""
