"""`pawtrack`: serve locally, seed demo data, mint tokens and API keys, read the outbox, cost it.

The CLI acts as an operator. The container is built inside a command (from the
environment), never at import; tests hand one in as click's `obj`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

import click
from dependency_injector.errors import Error as DependencyError

from application.use_cases.issue_api_key import IssueApiKeyCommand
from application.use_cases.list_api_keys import ListApiKeysQuery
from application.use_cases.list_outbox import ListOutboxQuery
from application.use_cases.revoke_api_key import RevokeApiKeyCommand
from application.use_cases.sign_in import SignInCommand
from costing import Workload, as_json, as_text, estimate
from domain.access import Caller
from domain.clockwork import format_instant
from domain.errors import DomainError
from entrypoints.settings import ConfigurationError, LocalSettings

if TYPE_CHECKING:
    from entrypoints.wiring import Container

OPERATOR = Caller("operator", is_admin=True)
T = TypeVar("T")
COUNT = click.IntRange(min=1)


def _container(ctx: click.Context) -> Container:
    root = ctx.find_root()
    if root.obj is None:
        from entrypoints.wiring import build_container

        try:
            root.obj = build_container()
        except ConfigurationError as error:  # one line naming the variable, not a traceback
            raise click.ClickException(str(error)) from error
    container: Container = root.obj
    return container


def _local() -> LocalSettings:
    """The laptop's settings: where the local server answers (PAWTRACK_BASE_URL), the data."""
    try:
        return LocalSettings.from_environment(os.environ)
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error


def _base_url() -> str:
    return _local().base_url


def _run(action: Callable[[], T]) -> T:
    """A refused action is a message for the operator, not a traceback."""
    try:
        return action()
    except DomainError as error:
        raise click.ClickException(error.detail) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pawtrack", prog_name="pawtrack")
def main() -> None:
    """Pawtrack on this machine (PAWTRACK_CLOUD=local keeps data in PAWTRACK_DATA_DIR)."""


@main.command()
@click.option("--host", default=None, help="Default: the host of PAWTRACK_BASE_URL (127.0.0.1).")
@click.option("--port", default=None, type=int, help="Default: its port (8000).")
@click.option("--demo", "with_demo", is_flag=True, help="Seed the demo first (`make run`).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, with_demo: bool) -> None:
    """Serve the HTTP API, the docs, blob links, JWKS and live updates."""
    from entrypoints.local.server import port_taken
    from entrypoints.local.server import serve as run_server

    base_url = _base_url()
    named = urlsplit(base_url)
    host, port = host or named.hostname or "127.0.0.1", port or named.port or 80
    if (host, port) != (named.hostname, named.port):
        # Tokens name their issuer and links their host: both come from PAWTRACK_BASE_URL.
        click.echo(
            f"note: tokens and links name {base_url}; set PAWTRACK_BASE_URL to match", err=True
        )
    if port_taken(host, port):  # said before seeding, not after
        raise click.ClickException(f"{host}:{port} is in use: try `make run PORT={port + 1}`")
    if with_demo:
        ctx.invoke(demo)
    container = _container(ctx)
    container.sweep_exports()()  # what the clouds' lifecycle rules do: exports live 7 days
    run_server(container, host, port)


@main.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Seed a demo owner, dog, tracker and a week of readings; print the token, keys and calls."""
    from entrypoints.local.demo import SERIAL, seed_demo

    container, local = _container(ctx), _local()
    seed = _run(lambda: seed_demo(container, local.data_dir))
    click.echo(f"Owner 'demo' has the dog Rex ({seed.pet_id}) with tracker {SERIAL}.")
    click.echo(f"Readings: {seed.report.accepted} new, {seed.report.duplicates} already known.")
    click.echo(f"Push notifications to the demo phone: {_command_name()} outbox")
    environment = seed.environment(local.base_url)
    env_file = local.data_dir / "demo.env"
    env_file.write_text(environment, encoding="utf-8")
    env_file.chmod(0o600)  # an owner's token and two API keys
    click.echo(f"\nThese are in {env_file} (`. {env_file}` sets them):\n")
    click.echo(environment)
    for path in ("/pets", "/pets/$PET/activity/$DAY", "/pets/$PET/recommendations"):
        click.echo(f'curl -H "Authorization: Bearer $TOKEN" $BASE{path}')
    click.echo(f"\nThe console: {local.base_url}/console   the API: {local.base_url}/docs")


def _command_name() -> str:
    """How this shell reaches the CLI: `.venv/bin/pawtrack` from the repository, else its name."""
    program = os.path.abspath(sys.argv[0])
    if program.startswith(os.getcwd() + os.sep) and os.access(program, os.X_OK):
        return os.path.relpath(program)
    return "pawtrack"


@main.command()
@click.argument("user")
@click.option("--admin", is_flag=True, help="The user is an administrator.")
@click.option(
    "--app",
    "app_id",
    default=None,
    help="A token for this registered app (its id) acting for USER.",
)
@click.pass_context
def token(ctx: click.Context, user: str, admin: bool, app_id: str | None) -> None:
    """Register USER with the local issuer and print an access token."""
    try:
        sign_in = _container(ctx).sign_in()
    except DependencyError as error:  # the clouds' users sign in with Cognito or Entra ID
        raise click.ClickException("only PAWTRACK_CLOUD=local or memory issues tokens") from error
    click.echo(_run(lambda: sign_in(SignInCommand(user, is_admin=admin, app_id=app_id))))


@main.group("api-keys")
def api_keys() -> None:
    """API keys for the CMS (content) and the tracker platform (ingest)."""


@api_keys.command("create")
@click.option("--purpose", required=True, type=click.Choice(["content", "ingest"]))
@click.option("--name", required=True)
@click.pass_context
def create_key(ctx: click.Context, purpose: str, name: str) -> None:
    """Issue a key and print it: it is shown this once."""
    issue = _container(ctx).issue_api_key()
    issued = _run(lambda: issue(IssueApiKeyCommand(OPERATOR, purpose, name)))
    click.echo(f"prefix {issued.key.prefix}, purpose {purpose}; the key is shown once:", err=True)
    click.echo(issued.plaintext)


@api_keys.command("revoke")
@click.argument("prefix")
@click.pass_context
def revoke_key(ctx: click.Context, prefix: str) -> None:
    """Revoke the key with this prefix; refused from the next request on."""
    revoke = _container(ctx).revoke_api_key()
    _run(lambda: revoke(RevokeApiKeyCommand(OPERATOR, prefix)))
    click.echo(f"revoked {prefix}")


@api_keys.command("list")
@click.pass_context
def list_keys(ctx: click.Context) -> None:
    """The keys' prefixes, purposes, names and whether they are revoked (never a key)."""
    keys = _run(lambda: _container(ctx).list_api_keys()(ListApiKeysQuery(OPERATOR)))
    for key in keys:
        state = "revoked" if key.revoked else "active"
        click.echo(f"{key.prefix}  {key.purpose.value:<7}  {state:<7}  {key.name}")
    if not keys:
        click.echo("no API keys: `pawtrack api-keys create --purpose ingest --name NAME`", err=True)


@main.command("sweep-exports")
@click.pass_context
def sweep_exports(ctx: click.Context) -> None:
    """Delete the owners' exports written more than 7 days ago."""
    click.echo(f"{_container(ctx).sweep_exports()()} export files deleted")


@main.command()
@click.option("--owner", default=None, help="Only this owner's notifications.")
@click.pass_context
def outbox(ctx: click.Context, owner: str | None) -> None:
    """Print the push notifications sent locally (nothing leaves this machine)."""
    for message in _container(ctx).list_outbox()(ListOutboxQuery(owner)):
        sent = format_instant(message.sent_at) if message.sent_at else "-"
        line = f"{message.owner_id} {message.phone} ({message.platform.value}): {message.text}"
        click.echo(f"{sent}  {line}")


@main.command()
@click.option("--trackers", required=True, type=COUNT)
@click.option("--owners", required=True, type=COUNT)
@click.option(
    "--packets-per-hour",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="MQTT packets each tracker sends an hour.",
)
@click.option(
    "--readings-per-packet", type=COUNT, default=None, help="Readings in each packet [1]."
)
@click.option(
    "--readings-per-minute",
    type=COUNT,
    default=None,
    help="A packet a minute of this many readings (--packets-per-hour 60 --readings-per-packet N).",
)
@click.option("--free-tier", is_flag=True, help="Take the always-free amounts off.")
@click.option("--json", "as_machine", is_flag=True, help="Machine-readable output.")
def cost(
    trackers: int,
    owners: int,
    packets_per_hour: float,
    readings_per_packet: int | None,
    readings_per_minute: int | None,
    free_tier: bool,
    as_machine: bool,
) -> None:
    """Estimate the monthly bill on AWS and on Azure (list prices: costing/pricing.json), beside
    the same load on one always-on server; measured counts from bench/results.json where present."""
    if readings_per_minute is not None and (readings_per_packet or packets_per_hour != 60):
        raise click.UsageError("--readings-per-minute is a packet a minute: leave out the others")
    per_packet = readings_per_minute or readings_per_packet or 1
    workload = Workload(trackers, owners, packets_per_hour, per_packet)  # fmt: skip
    found = estimate(workload, free_tier=free_tier)
    click.echo(as_json(found) if as_machine else as_text(found))


# The data commands (import-bundle, export) register themselves on `main`.
from entrypoints import cli_data  # noqa: E402, F401
