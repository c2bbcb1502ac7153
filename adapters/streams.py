"""Where telemetry lines are written, for every provider that writes them to a stream."""

from __future__ import annotations

import sys
from typing import TextIO


def standard_output() -> TextIO:
    """The process's stdout as it is when an adapter is built (Lambda sends it to CloudWatch
    Logs; the local server's terminal shows it; a test may have put its own in its place)."""
    return sys.stdout
