"""The deployment requirements are locked with hashes, and the locks agree with pyproject.toml.

`make lock` writes them with uv: lambda/dependencies/requirements.txt (the Lambda layer: the
project's dependencies, the runtime bringing boto3) and infra/azure/requirements.txt (the
Function App: the dependencies and the `azure` extra). A lock is current when the packages it
pins for pyproject.toml (uv marks them `via pawtrack (pyproject.toml)`) are exactly the ones
pyproject.toml asks for, each at a version its specifier allows, and every pin carries hashes.
Read offline: the check needs no index.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCKS = {
    "lambda/dependencies/requirements.txt": ("aws",),
    "infra/azure/requirements.txt": ("azure",),
}
# What the Lambda runtime brings (Makefile's LAMBDA_RUNTIME): boto3 and what it alone needs.
LAMBDA_RUNTIME = {"boto3", "botocore", "s3transfer", "python-dateutil", "six", "urllib3"}
ARCHIVED = {"rsa"}  # python-rsa: archived by its maintainer in April 2025
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)")


def asked(extras: tuple[str, ...]) -> dict[str, Requirement]:
    listed = PROJECT["dependencies"] + [
        r for e in extras for r in PROJECT["optional-dependencies"][e]
    ]
    requirements = (Requirement(line) for line in listed)
    runtime = LAMBDA_RUNTIME if "aws" in extras else set()
    return {canonicalize_name(r.name): r for r in requirements if r.name not in runtime}


def pins(lock: str) -> dict[str, tuple[Version, bool, bool]]:
    """Each pinned package: its version, whether it has hashes, whether pyproject asked for it."""
    found: dict[str, tuple[Version, bool, bool]] = {}
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
    for block in blocks:
        pin = PIN.match(block)
        if pin is None:
            continue
        hashed = "--hash=sha256:" in block
        direct = "pawtrack (pyproject.toml)" in block
        found[canonicalize_name(pin.group(1))] = (Version(pin.group(2)), hashed, direct)
    return found


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items(), ids=LOCKS)
def test_a_lock_pins_what_pyproject_asks_with_hashes(lock: str, extras: tuple[str, ...]) -> None:
    pinned, wanted = pins(lock), asked(extras)
    assert pinned, f"{lock} pins nothing"
    unhashed = [name for name, (_, hashed, _) in pinned.items() if not hashed]
    assert unhashed == [], f"{lock}: pins without hashes: {unhashed}"
    direct = {name for name, (_, _, is_direct) in pinned.items() if is_direct}
    assert direct == set(wanted), f"{lock} is stale: run `make lock`"
    outside = [
        f"{name} {pinned[name][0]} (pyproject: {wanted[name].specifier})"
        for name in wanted
        if not wanted[name].specifier.contains(pinned[name][0], prereleases=True)
    ]
    assert outside == [], f"{lock} is stale: run `make lock`"


def test_the_lambda_layer_leaves_out_what_the_runtime_brings() -> None:
    pinned = set(pins("lambda/dependencies/requirements.txt"))
    assert pinned & LAMBDA_RUNTIME == set(), "the Lambda runtime brings boto3 and its own"
    assert {"aws-lambda-powertools", "cryptography", "pyjwt"} <= pinned


def test_no_archived_package_is_a_dependency() -> None:
    lists = [ROOT / "pyproject.toml", ROOT / "bench" / "requirements.txt"]
    lists += [ROOT / lock for lock in LOCKS]
    for listing in lists:
        names = {
            canonicalize_name(m.group(1))
            for m in re.finditer(r"(?m)^\s*\"?([A-Za-z0-9._-]+)", listing.read_text())
        }
        assert not names & ARCHIVED, f"{listing.relative_to(ROOT)} lists {names & ARCHIVED}"
