"""An owner's export of everything Pawtrack holds about them: asked for, then fetched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.use_cases.get_export import GetExportQuery
from application.use_cases.request_export import RequestExportCommand
from entrypoints.http.auth import caller
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container


def request_export(container: Container, request: HttpRequest) -> HttpResponse:
    export_id = container.request_export()(RequestExportCommand(caller(container, request)))
    url = f"/me/export/{export_id}"
    response = json_response({"id": export_id, "status": "pending", "url": url}, 202)
    return HttpResponse(response.status, {**response.headers, "location": url}, response.body)


def get_export(container: Container, request: HttpRequest) -> HttpResponse:
    query = GetExportQuery(caller(container, request), request.path_params["export_id"])
    found = container.get_export()(query)
    status = "pending" if found.download_url is None else "ready"
    return json_response(
        {"id": found.export_id, "status": status, "download_url": found.download_url}
    )
