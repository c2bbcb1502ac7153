"""checkov, the ecosystem's scanner of infrastructure as code, over template.yaml (CloudFormation,
SAM included) and infra/azure/main.bicep: no failed check, no file it cannot parse, and every
check skipped in place with its reason (a `checkov: skip` entry in a resource's Metadata, a
`// checkov:skip=ID: reason` comment in a Bicep resource).

checkov pins its own dependencies (an older `packaging` than pytest's), so it lives in a
virtualenv of its own, `.venv-checkov`, which `make test` installs. It runs offline: its proxy
is a closed port of 127.0.0.1, and --skip-download keeps it from asking for its guidelines.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"
SCANNED = {
    "cloudformation": ROOT / "template.yaml",
    "bicep": ROOT / "infra" / "azure" / "main.bicep",
}


def scan(framework: str) -> dict[str, Any]:
    if not CHECKOV.exists():
        pytest.fail(f"checkov is missing ({CHECKOV}): run `make .venv-checkov/bin/checkov`")
    closed = "http://127.0.0.1:9"
    env = os.environ | {"HTTPS_PROXY": closed, "HTTP_PROXY": closed, "LOG_LEVEL": "WARNING"}
    command = [CHECKOV, "-f", SCANNED[framework], "--framework", framework, "--skip-download"]
    answer = subprocess.run(
        [*command, "--compact", "-o", "json"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert answer.returncode in (0, 1), answer.stderr[-2000:]
    report: dict[str, Any] = json.loads(answer.stdout)
    return report


@pytest.mark.parametrize("framework", SCANNED)
def test_checkov_finds_nothing_and_every_skip_says_why(framework: str) -> None:
    report = scan(framework)
    summary, results = report["summary"], report["results"]
    failed = [
        f"{c['check_id']} {c['resource']}: {c['check_name']}" for c in results["failed_checks"]
    ]
    assert failed == [], "\n".join(failed)
    assert summary["parsing_errors"] == 0, "checkov could not parse the file"
    assert summary["passed"] > 0, "checkov checked nothing"
    unexplained = [
        f"{c['check_id']} {c['resource']}"
        for c in results["skipped_checks"]
        if len(str(c.get("check_result", {}).get("suppress_comment") or "").strip()) < 20
    ]
    assert unexplained == [], "skipped without a reason: " + ", ".join(unexplained)
