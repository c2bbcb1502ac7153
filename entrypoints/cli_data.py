"""`pawtrack import-bundle` and `pawtrack export`: an owner's data in and out through files,
with a progress bar (click's: no other dependency) while the long part runs.

A bundle goes the way the app sends one: a bundle is started for the tracker, its bytes go to
the upload link (read from the file in chunks, which the bar counts), and storing it processes
it at once, as the local server does; the bundle's report follows. An export writes the records
the export job writes, as gzip JSON Lines, to a file (the bar counts the records)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import click

from application.use_cases.blob_links import UploadThroughLinkCommand
from application.use_cases.get_bundle import GetBundleQuery
from application.use_cases.start_bundle_upload import StartBundleUploadCommand
from domain.access import Caller
from entrypoints.cli import _container, _run, main

CHUNK_BYTES = 1 << 16


@main.command("import-bundle")
@click.argument("tracker")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--owner", required=True, help="The owner of the pet the tracker is paired with.")
@click.pass_context
def import_bundle(ctx: click.Context, tracker: str, file: Path, owner: str) -> None:
    """Import a bundle file (JSON Lines, one reading a line) for TRACKER, as its owner would."""
    container, caller = _container(ctx), Caller(owner)
    upload = _run(
        lambda: container.start_bundle_upload()(StartBundleUploadCommand(caller, tracker))
    )
    data = _read(file)
    link = dict(parse_qsl(urlsplit(upload.upload_link.url).query))
    content_type = upload.upload_link.headers.get("Content-Type", "application/x-ndjson")
    command = UploadThroughLinkCommand(upload.bundle.blob_key, link, data, content_type)
    _run(lambda: container.upload_through_link()(command))
    bundle = _run(lambda: container.get_bundle()(GetBundleQuery(caller, upload.bundle.id)))
    report = bundle.report
    click.echo(f"bundle {bundle.id}: {bundle.status.value}")
    if report is not None:
        click.echo(
            f"{report.accepted} accepted, {report.duplicates} already known, "
            f"{report.quarantined} quarantined, {len(report.rejected)} rejected"
        )
        for rejection in report.rejected:
            click.echo(f"  line {rejection.position}: {rejection.field}: {rejection.reason}")


def _read(file: Path) -> bytes:
    chunks = []
    with (
        file.open("rb") as source,
        click.progressbar(length=file.stat().st_size, label="reading") as bar,
    ):
        while chunk := source.read(CHUNK_BYTES):
            chunks.append(chunk)
            bar.update(len(chunk))
    return b"".join(chunks)


@main.command("export")
@click.argument("owner")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.pass_context
def export(ctx: click.Context, owner: str, file: Path) -> None:
    """Write everything Pawtrack holds about OWNER to FILE, gzip JSON Lines (as POST /me/export)."""
    records = _run(lambda: _container(ctx).export_records()(owner))
    written = 0
    with (
        gzip.open(file, "wt", encoding="utf-8") as target,
        click.progressbar(records, label="exporting", show_pos=True) as bar,
    ):
        for record in bar:
            target.write(json.dumps(record) + "\n")  # as the export job writes it
            written += 1
    click.echo(f"{written} records written to {file}")
