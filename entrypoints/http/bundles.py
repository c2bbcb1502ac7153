"""Bundles synced over Bluetooth: an upload link first, the report once processed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.ports.blobs import UploadLink
from application.use_cases.get_bundle import GetBundleQuery
from application.use_cases.start_bundle_upload import StartBundleUploadCommand
from domain.bundles import Bundle
from domain.readings import DeliveryReport
from entrypoints.http.auth import caller
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container


def report_view(report: DeliveryReport, position_name: str) -> dict[str, object]:
    """A delivery's report; a bundle names a rejection's place `line`, an HTTP delivery `position`."""
    return {
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "quarantined": report.quarantined,
        "rejected": [
            {position_name: r.position, "field": r.field, "reason": r.reason}
            for r in report.rejected
        ],
    }


def bundle_view(bundle: Bundle) -> dict[str, object]:
    report = report_view(bundle.report, "line") if bundle.report is not None else None
    return {
        "id": bundle.id,
        "tracker": bundle.tracker,
        "status": bundle.status.value,
        "report": report,
    }


def start_upload(container: Container, request: HttpRequest) -> HttpResponse:
    command = StartBundleUploadCommand(caller(container, request), request.path_params["serial"])
    upload = container.start_bundle_upload()(command)
    return json_response({"bundle_id": upload.bundle.id, **upload_view(upload.upload_link)}, 201)


def upload_view(link: UploadLink) -> dict[str, object]:
    """Where to PUT the bytes, and the headers the storage holds the PUT to."""
    return {"upload_url": link.url, "method": "PUT", "headers": dict(link.headers)}


def get_bundle(container: Container, request: HttpRequest) -> HttpResponse:
    query = GetBundleQuery(caller(container, request), request.path_params["bundle_id"])
    return json_response(bundle_view(container.get_bundle()(query)))
