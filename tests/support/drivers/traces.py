"""What a binding's stores still hold of an owner: every record that names one of the owner's
identifiers, by kind of data. The drivers list their stores' records; this finds the owner in them.

A record is (kind, where, text): `kind` one of KINDS (or "other" for data no kind covers,
such as a database file read byte for byte, searched all the same), `where` says which
store and key, `text` is all it holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs

KINDS = (
    "identity",  # the user at the identity provider
    "profile",  # the owner's settings
    "pets",
    "trackers",  # pairings
    "activity",  # readings, their identities, day totals, signals
    "announcements",  # claims of announcements made once
    "quarantine",  # readings kept aside, of the owner's trackers
    "photos",
    "bundles",  # records and objects
    "grants",
    "phones",
    "push",  # what the push service (or the outbox) keeps of the phones
    "live",  # open live connections
)
Record = tuple[str, str, str]


@attrs.define
class Footprint:
    """The identifiers a scenario gave an owner's data, as the driver learnt them."""

    user_id: str
    name: str
    pets: set[str] = attrs.Factory(set)  # ids and names
    serials: set[str] = attrs.Factory(set)
    phones: set[str] = attrs.Factory(set)  # names and device tokens
    bundles: set[str] = attrs.Factory(set)
    connections: set[str] = attrs.Factory(set)

    def marks(self) -> set[str]:
        found = {self.user_id, self.name}
        for part in (self.pets, self.serials, self.phones, self.bundles, self.connections):
            found |= part
        return {mark for mark in found if mark}


def traces(records: Iterable[Record], footprint: Footprint) -> dict[str, list[str]]:
    """For each kind, where a record names one of the footprint's marks (and which)."""
    marks, found = sorted(footprint.marks()), defaultdict[str, list[str]](list)
    for kind, where, text in records:
        named = [mark for mark in marks if mark in text or mark in where]
        if named:
            found[kind].append(f"{where}: {', '.join(named)}")
    return dict(found)
