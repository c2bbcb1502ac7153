"""The container of one serverless process: built on the first invocation, then kept.

Never at import time: importing a handler (or indexing a function app) stays cheap and free
of I/O and of settings, and a test can hand in its own container first. Lambda runs one
invocation at a time per environment, but a Functions worker runs synchronous functions on a
thread pool, so the first invocations may race: a lock makes one of them build (once built,
no lock is taken).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from entrypoints.log_redaction import redact_logs

if TYPE_CHECKING:
    from entrypoints.wiring import Container


class LazyContainer:
    def __init__(self) -> None:
        self._built: list[Container] = []
        self._building = threading.Lock()

    @property
    def built(self) -> bool:
        return bool(self._built)

    def get(self) -> Container:
        """The process's container, configured from the environment on first use. Each call
        also redacts secrets from the runtime's log handlers (new ones get it then)."""
        redact_logs()
        if not self._built:
            with self._building:
                if not self._built:
                    # Imported here, not above: dependency_injector probes for optional web
                    # frameworks when imported, and importing a handler should load neither.
                    from entrypoints.wiring import build_container

                    self._built.append(build_container())
        return self._built[0]

    def use(self, replacement: Container | None) -> None:
        """Use `replacement` from now on (tests); None forgets it, to build afresh."""
        with self._building:
            self._built[:] = [] if replacement is None else [replacement]
