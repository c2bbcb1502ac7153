from __future__ import annotations

from application.ports.blobs import BlobExpiry
from application.ports.clock import Clock
from domain import exports


class SweepExports:
    """Deletes the exports (and marks of exports asked for) written more than 7 days ago, where
    no lifecycle rule does (a laptop: `pawtrack serve` sweeps when it starts, `pawtrack
    sweep-exports` on demand). How many went."""

    def __init__(self, expiry: BlobExpiry, clock: Clock) -> None:
        self._expiry, self._clock = expiry, clock

    def __call__(self) -> int:
        return self._expiry.expire(exports.EXPORTS, self._clock.now() - exports.KEPT_FOR)
