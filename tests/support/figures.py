"""The reliability figures: tests count what they tried and how it ended, the session writes
the table (tests/RELIABILITY.md) when asked with `--figures PATH` (`make test` asks).

A test takes the `figures` fixture and records each case it checks, e.g.

    figures.record("token-attacks", "cognito", held=answer.status == 401)
    assert answer.status == 401

`held` is whether the property the row promises held for that case (the token was refused,
the probe got 404, the duplicate counted once...). A test records before it asserts, so a
failing case shows in the table of the run that found it.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest


@attrs.frozen
class Row:
    title: str
    # How a cell reads: "held/total" (e.g. rejected 33/33) or "failed of total" (lost 0 of 40).
    counts_failures: bool


ROWS: dict[str, Row] = {
    "token-attacks": Row("Token attacks rejected (401)", counts_failures=False),
    "access-probes": Row(
        "Access probes answered 404 like an unknown id (403 on administrator routes)",
        counts_failures=False,
    ),
    "api-keys": Row("API key checks held (no plaintext stored or logged, revoked refused)", False),
    "malformed-inputs": Row("Malformed inputs answered 4xx problem+json", counts_failures=False),
    "bundle-caps": Row("Hostile bundles refused or reported, valid lines kept", False),
    "schemathesis": Row("Schemathesis cases without a server error or violation", False),
    "duplicate-deliveries": Row("Duplicate deliveries double-counted", counts_failures=True),
    "poison-messages": Row("Poison messages reported or dead-lettered, rest processed", False),
    "lost-under-faults": Row("Messages lost or half-written under injected faults", True),
    "lost-updates": Row("Lost updates under concurrent changes", counts_failures=True),
    "account-deletion": Row("Data of a deleted account left behind", counts_failures=True),
    "signatures": Row(
        "Signatures checked by PyJWT on cryptography: forged or rewritten ones refused", False
    ),
    "claim-checks": Row("Claims of the wrong type or range refused (401)", False),
    "app-scope": Row(
        "Apps kept to their grant (GET /me without profile:read, unregistered apps)", False
    ),
    "schemathesis-admin": Row(
        "Schemathesis cases as an administrator without a server error or violation", False
    ),
    "contentful": Row(
        "Contentful entries: other content types ignored, Rich Text and locales read", False
    ),
    "trigger-shapes": Row("Foreign or malformed trigger events answered with one log line", False),
    "upload-headers": Row("Upload answers naming their headers, PUTs held to them", False),
    "log-redaction": Row("Secrets (tokens, link signatures) kept out of log lines", False),
    "oauth-attacks": Row(
        "OAuth attacks of RFC 9700 refused (code replay, redirect tampering, PKCE downgrade, "
        "client mix-up, open redirect, forged consent, rotated or revoked tokens)",
        False,
    ),
    "webhook-ssrf": Row(
        "Webhook endpoints refused or contained (private, loopback, metadata, redirects)", False
    ),
}
COLUMNS = ("local", "cognito", "entra", "core", "http", "aws", "azure")


@attrs.define
class Figures:
    held: dict[tuple[str, str], int] = attrs.field(factory=lambda: defaultdict(int))
    total: dict[tuple[str, str], int] = attrs.field(factory=lambda: defaultdict(int))

    def record(self, row: str, column: str, *, held: bool, cases: int = 1) -> None:
        if row not in ROWS:
            raise KeyError(f"no figure row {row!r}; known: {', '.join(ROWS)}")
        if column not in COLUMNS:
            raise KeyError(f"no figure column {column!r}; known: {', '.join(COLUMNS)}")
        self.total[row, column] += cases
        if held:
            self.held[row, column] += cases

    def cell(self, row: str, column: str) -> str:
        total = self.total.get((row, column), 0)
        if not total:
            return "–"
        held = self.held.get((row, column), 0)
        if ROWS[row].counts_failures:
            return f"{total - held} of {total}"
        return f"{held}/{total}"

    def table(self) -> str:
        used = [c for c in COLUMNS if any((r, c) in self.total for r in ROWS)]
        lines = [
            "| figure | " + " | ".join(used) + " |",
            "|---|" + "---|" * len(used),
        ]
        for key, row in ROWS.items():
            if any((key, c) in self.total for c in used):
                cells = " | ".join(self.cell(key, c) for c in used)
                lines.append(f"| {row.title} | {cells} |")
        return "\n".join(lines)


FIGURES = Figures()


@pytest.fixture
def figures() -> Figures:
    return FIGURES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--figures",
        metavar="PATH",
        default=None,
        help="write the reliability figures of this run to PATH (Markdown)",
    )


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = session.config.getoption("--figures")
    if not target or not FIGURES.total:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    stats = getattr(reporter, "stats", {}) if reporter else {}
    outcome = ", ".join(f"{len(stats.get(k, []))} {k}" for k in ("passed", "failed", "error"))
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join(
        [
            "# Reliability and security figures",
            "",
            "Generated by the test suite (`make test` runs pytest with `--figures "
            "tests/RELIABILITY.md`); do not edit by hand.",
            "",
            f"Run {when} at commit {_commit()} on Python {sys.version.split()[0]}: "
            f"{outcome} (exit status {int(exitstatus)}).",
            "",
            "Columns are identity adapters (local issuer, Cognito on moto, Entra behind its "
            "loopback JWKS) and bindings (core use cases; http = the local server over real "
            "HTTP; aws = the Lambda handlers against moto; azure = the Functions against Azurite "
            "and loopback fakes). A cell `n/N` counts the cases where the promise held; "
            "`n of N` counts the cases where it broke.",
            "",
            FIGURES.table(),
            "",
            "Where each figure comes from: tests/hostile/ (README there) and "
            "tests/contracts/test_identity_verifier.py.",
            "",
        ]
    )
    Path(target).write_text(text, encoding="utf-8")
