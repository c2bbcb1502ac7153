"""Secrets never reach a log line: bearer tokens, link signatures and API keys are redacted
from every record a process writes, whoever logs it.

URLs carry secrets where headers cannot: a browser's WebSocket sends its token as
`?access_token=`, and upload and download links are signed in their query (`sig=` locally
and on Blob Storage, `X-Amz-Signature`, `X-Amz-Credential` and `X-Amz-Security-Token` on
S3). Whatever logs such a URL (uvicorn's access log and WebSocket lines, httpx's request
lines, urllib3's debug lines) logs it through the handlers of the process's loggers, and each
runtime puts RedactSecrets on those handlers: the local server once uvicorn has configured its
logging, the Lambda and Functions runtimes on every invocation (a cheap check), before any use
case runs.
"""

from __future__ import annotations

import logging
import re

REDACTED = "REDACTED"
# Query parameters whose value is a credential, compared without regard to case.
SECRET_PARAMETERS = (
    "access_token",
    "id_token",
    "refresh_token",
    "client_secret",
    "code",
    "sig",
    "signature",
    "x-amz-signature",
    "x-amz-credential",
    "x-amz-security-token",
)
_NAMES = "|".join(re.escape(name) for name in SECRET_PARAMETERS)
_IN_QUERY = re.compile(rf"(?i)([?&;](?:{_NAMES})=)[^&#\s\"'<>]*")
# A JWT anywhere (`Authorization: Bearer eyJ...`), and Pawtrack's API keys (domain/api_keys.py).
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_API_KEY = re.compile(r"\bpk_[0-9a-f]+_[A-Za-z0-9_-]+")
# The loggers whose handlers do not propagate to the root's: uvicorn's own.
_OWN_HANDLERS = ("", "uvicorn", "uvicorn.access", "uvicorn.error")


def redacted(text: str) -> str:
    """`text` with every secret's value replaced by REDACTED (its name kept)."""
    text = _IN_QUERY.sub(rf"\g<1>{REDACTED}", text)
    return _API_KEY.sub(REDACTED, _JWT.sub(REDACTED, text))


class RedactSecrets(logging.Filter):
    """Redacts a record's message and its arguments in place; drops no record.

    The arguments are redacted one by one rather than merged into the message, since some
    formatters read them (uvicorn's access formatter takes the path from them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redacted(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted_argument(value) for value in record.args)
        elif isinstance(record.args, dict):
            record.args = {name: _redacted_argument(v) for name, v in record.args.items()}
        return True


def _redacted_argument(value: object) -> object:
    if isinstance(value, str):
        return redacted(value)
    if isinstance(value, bytes | int | float) or value is None:
        return value
    text = str(value)  # an object that formats as text (an httpx.URL): redact what it shows
    clean = redacted(text)
    return value if clean == text else clean


_FILTER = RedactSecrets()


def redact_logs() -> None:
    """Put RedactSecrets on every handler of the root logger and of uvicorn's loggers (once
    each). Handlers added later (a test's log capture) get it at the next call."""
    for name in _OWN_HANDLERS:
        for handler in logging.getLogger(name).handlers:
            if _FILTER not in handler.filters:
                handler.addFilter(_FILTER)
