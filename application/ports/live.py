"""Where an owner's clients attach to receive live updates (LiveUpdates sends to them)."""

from __future__ import annotations

import abc
from collections.abc import Callable, Collection, Mapping

import attrs

Deliver = Callable[[Mapping[str, object]], None]
HangUp = Callable[[], None]


@attrs.frozen(eq=False)
class LiveClient:
    """One client connection, as its transport knows it.

    `id` is the connection's id (API Gateway's connection id; a server-made one locally).
    Where Pawtrack holds the socket itself (the local server), `deliver` sends one update to it
    (thread-safe; raises when the client is gone) and `hang_up` closes it; where a service holds
    it (API Gateway), both are None and the service is asked to send.
    """

    id: str
    deliver: Deliver | None = None
    hang_up: HangUp | None = None


class LiveConnections(abc.ABC):
    @abc.abstractmethod
    def attach(self, owner_id: str, client: LiveClient | None) -> str | None:
        """From now on the owner's live updates reach `client`. Where the service connects
        clients itself (Web PubSub), there is no client yet: `client` is None and the answer is
        the URL the client connects to, good for that owner's updates only. Elsewhere the
        answer is None."""

    @abc.abstractmethod
    def detach(self, client_id: str) -> None:
        """The client left: nothing more is sent to it. Unknown: nothing happens."""

    @abc.abstractmethod
    def listening(self, owner_ids: Collection[str]) -> set[str]:
        """Those of the owners who may have a live connection open: every owner with one, and
        maybe a few whose connection closed without saying so (at most for a connection's
        lifetime). One read however many owners are asked about, so that a batch of readings
        finds out at once to whom live updates are worth sending."""
