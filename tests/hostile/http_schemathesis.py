"""The local server as schemathesis meets it: a laptop's Pawtrack (SQLite and files on a tmp
dir) served over real HTTP, an owner's and an administrator's bearer tokens and the machines'
API keys, and the run's configuration (the same keys as a schemathesis.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

import attrs
import schemathesis
from hypothesis import strategies as st

from application.use_cases.issue_api_key import IssueApiKeyCommand
from domain.access import Caller, User
from entrypoints.local.asgi import create_app
from entrypoints.local.server import BackgroundServer, free_port
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import build_container

OPERATOR = Caller("operator", is_admin=True)
SEED = 20261121
# Bounds that keep the whole run near a minute: examples per operation in the fuzzing phase (the
# examples and coverage phases send what the document gives), calls per stateful scenario, and
# scenarios.
MAX_EXAMPLES = 60
MAX_STEPS = 6
SCENARIOS = 100


@attrs.frozen
class Served:
    base_url: str
    owner_token: str
    admin_token: str
    ingest_key: str
    content_key: str


@contextmanager
def local_server(data_dir: Path) -> Iterator[Served]:
    """The local server on a free port, with an owner `alice`, an administrator `ops` and a
    key per machine purpose."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    container = build_container(
        Settings(Cloud.LOCAL, LocalSettings(data_dir=data_dir, base_url=base_url))
    )
    container.ports.users().add(User("alice", "alice", False))
    container.ports.users().add(User("ops", "ops", True))
    token = container.ports.token_issuer().issue("alice", is_admin=False, app_id=None)
    admin = container.ports.token_issuer().issue("ops", is_admin=True, app_id=None)
    issue = container.issue_api_key()
    ingest, content = (
        issue(IssueApiKeyCommand(OPERATOR, purpose, f"{purpose} key")).plaintext
        for purpose in ("ingest", "content")
    )
    with BackgroundServer(create_app(container), port=port):
        yield Served(base_url, token, admin, ingest, content)


# The document's own format for time zones: schema-valid data names a zone of the tz database.
schemathesis.openapi.format("iana-time-zone", st.sampled_from(sorted(available_timezones())))


def run_configuration(served: Served, bearer: str | None = None) -> dict[str, Any]:
    """Every check, positive and negative data, all four phases, links from the document only,
    with `bearer` (the owner's token by default; the administrator's for the second run).

    Where the checks' expectations differ from the contract, the contract is written here (and
    in the document's words, where it says what its schema cannot):
    - a schema-violating body may be refused with 413 (it can be larger than the 1 MiB limit);
    - a weight for a day still to come is refused with 422: the schema cannot say "not after
      today in the owner's time zone", so for recordWeight 422 answers schema-valid data too;
    - an article entry without the default locale's text is refused with 422: the default
      locale is the deployment's (PAWTRACK_CONTENT_LOCALES), so the schema cannot require it;
    - OAuth's endpoints refuse with 400 or 401 what only the server knows to be wrong (an
      unregistered client or redirect URI, a code or token it never issued, a consent form it
      did not show): RFC 6749 §4.1.2.1 and §5.2 say so, the schema cannot;
    - a developer's request is refused with 422 for a redirect URI outside the rules (https, or
      http on 127.0.0.1, no fragment, no credentials), which a schema pattern says only roughly.
    """
    return {
        "seed": SEED,
        "base-url": served.base_url,
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "no-shrink": True,
            "database": "none",
        },
        "checks": {
            "enabled": True,
            "negative_data_rejection": {
                "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422]
            },
        },
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {
                "enabled": True,
                "max-steps": MAX_STEPS,
                "inference": {"algorithms": []},
            },
        },
        "operations": [
            {
                "include-operation-id": operation,
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", 401, 403, 404, 409, 422]
                    }
                },
            }
            for operation in ("recordWeight", "contentfulWebhook", "requestApp")
        ]
        + [
            {
                "include-operation-id": operation,
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": ["2xx", 302, 400, 401, 404]}
                },
            }
            for operation in (
                "oauthAuthorize",
                "oauthLogin",
                "oauthConsent",
                "oauthToken",
                "oauthRevoke",
                "localSignIn",
            )
        ],
        "auth": {
            "openapi": {
                "bearer": {"bearer": bearer or served.owner_token},
                "ingestKey": {"api_key": served.ingest_key},
                "contentKey": {"api_key": served.content_key},
            }
        },
    }
