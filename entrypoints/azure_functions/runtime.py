"""The container of one Functions worker process: built on the first invocation, then kept.

Never at import time: indexing the function app stays cheap and free of I/O and of settings,
and a test can hand in its own container first. Unlike Lambda, a Python worker runs
synchronous functions on a thread pool, so the first invocations may race: a lock makes one
of them build.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from entrypoints.container import Container

_built: list[Container] = []
_building = threading.Lock()


def container() -> Container:
    """The worker's container, configured from the environment (the app settings) on first use."""
    if not _built:
        with _building:
            if not _built:
                # Imported here, not above: dependency_injector probes for optional web
                # frameworks when imported, and indexing the app should load neither.
                from entrypoints.container import build_container

                _built.append(build_container())
    return _built[0]


def use_container(replacement: Container | None) -> None:
    """Functions use `replacement` from now on (tests); None forgets it, to build afresh."""
    with _building:
        _built[:] = [] if replacement is None else [replacement]
