"""A Blob Storage Azurite whose clock a test sets, for the checks Azurite makes in time.

Azurite refuses a SAS link after its expiry by its own clock (`new Date()`). The
session's Azurite (tests/support/azure.py) runs in real time, where a test cannot
wait out a 15-minute link. This one runs with a preload script that makes Node's
`Date` read the time from a file, which `AzuriteClock` writes: Azurite's clock is
the test's, frozen between moves, and Azurite still makes every check itself.
"""

from __future__ import annotations

import atexit
import functools
import os
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import attrs

from adapters.local.settable_clock import SettableClock
from tests.support import azure

AZURITE_BLOB = azure.ROOT / "node_modules" / ".bin" / "azurite-blob"
# Node's Date, with "now" read from the file named in PAWTRACK_AZURITE_NOW (ms since epoch).
PRELOAD = """
const fs = require("fs");
const file = process.env.PAWTRACK_AZURITE_NOW;
const RealDate = Date;
function now() {
  try { const text = fs.readFileSync(file, "utf8"); if (text) return Number(text); } catch {}
  return RealDate.now();
}
class TestDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
  static now() { return now(); }
}
globalThis.Date = TestDate;
"""


@attrs.frozen
class ClockedAzurite:
    blob_port: int
    now_file: Path

    @property
    def connection_string(self) -> str:
        return (
            f"DefaultEndpointsProtocol=http;AccountName={azure.ACCOUNT};"
            f"AccountKey={azure.ACCOUNT_KEY};"
            f"BlobEndpoint=http://127.0.0.1:{self.blob_port}/{azure.ACCOUNT};"
        )


class AzuriteClock(SettableClock):
    """A settable clock that Azurite follows. One test at a time uses it."""

    def __init__(self, azurite: ClockedAzurite, start: datetime) -> None:
        self._azurite = azurite
        super().__init__(start)
        self._tell()

    def advance(self, by: timedelta) -> None:
        super().advance(by)
        self._tell()

    def set(self, now: datetime) -> None:
        super().set(now)
        self._tell()

    def _tell(self) -> None:
        milliseconds = int(self.now().timestamp() * 1000)
        written = self._azurite.now_file.with_suffix(".new")
        written.write_text(str(milliseconds))
        written.replace(self._azurite.now_file)  # Azurite never reads half a number


@functools.cache
def clocked_azurite() -> ClockedAzurite:
    """The session's clocked Azurite (blob service only), started on first use."""
    workspace = Path(tempfile.mkdtemp(prefix="azurite-clocked-"))
    preload, now_file = workspace / "clock.js", workspace / "now"
    preload.write_text(PRELOAD)
    started = ClockedAzurite(azure._free_port(), now_file)
    environment = {
        **os.environ,
        "PAWTRACK_AZURITE_NOW": str(now_file),
        "NODE_OPTIONS": f"--require {preload}",
    }
    process = subprocess.Popen(
        [
            str(AZURITE_BLOB), "--silent", "--inMemoryPersistence", "--skipApiVersionCheck",
            "--loose", "--blobHost", "127.0.0.1", "--blobPort", str(started.blob_port),
        ],
        cwd=workspace,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    atexit.register(azure._stop, process, str(workspace))
    azure._wait_for(started.blob_port, process)
    return started
