"""The container of one Lambda execution environment: built on the first invocation, then kept.

Never at import time: importing a handler stays cheap and free of I/O and of settings,
and a test can hand in its own container first. Lambda runs one invocation at a time
per execution environment, so the cache needs no lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from entrypoints.container import Container

_built: list[Container] = []


def container() -> Container:
    """The environment's container, configured from the environment on first use."""
    if not _built:
        # Imported here, not above: dependency_injector probes for optional web frameworks
        # (starlette) when imported, and importing a handler should load neither.
        from entrypoints.container import build_container

        _built.append(build_container())
    return _built[0]


def use_container(replacement: Container | None) -> None:
    """Handlers use `replacement` from now on (tests); None forgets it, to build afresh."""
    _built[:] = [] if replacement is None else [replacement]
