from __future__ import annotations

import abc


class PageCursors(abc.ABC):
    """Seals what a page's cursor carries, so that a caller can neither read it as anything but
    an opaque token nor make one up: only the deployment that sealed a cursor opens it."""

    @abc.abstractmethod
    def seal(self, text: str) -> str:
        """An opaque, URL-safe token carrying `text` (at most 1 KiB), signed by this deployment."""

    @abc.abstractmethod
    def open(self, token: str) -> str | None:
        """The text `seal` put in the token; None for a token this deployment did not seal, or
        one altered in any way. Raises only when the signing service fails."""
