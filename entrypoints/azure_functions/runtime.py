"""The container of one Functions worker process (see entrypoints/lazy_container.py)."""

from __future__ import annotations

from entrypoints.lazy_container import LazyContainer

_runtime = LazyContainer()
container = _runtime.get
use_container = _runtime.use
