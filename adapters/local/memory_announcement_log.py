from __future__ import annotations

import threading

from application.ports.notifications import AnnouncementLog


class InMemoryAnnouncementLog(AnnouncementLog):
    def __init__(self) -> None:
        self._claimed: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, key: str) -> bool:
        with self._lock:
            if key in self._claimed:
                return False
            self._claimed.add(key)
            return True

    def release(self, key: str) -> None:
        with self._lock:
            self._claimed.discard(key)
