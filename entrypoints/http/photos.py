"""Pet photos travel through short-lived object-storage links, never through this API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.use_cases.photo_links import PhotoLinkQuery
from entrypoints.http.auth import caller
from entrypoints.http.bundles import upload_view
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container


def photo_upload(container: Container, request: HttpRequest) -> HttpResponse:
    query = PhotoLinkQuery(caller(container, request), request.path_params["pet_id"])
    return json_response(upload_view(container.request_photo_upload()(query)), 201)


def photo_download(container: Container, request: HttpRequest) -> HttpResponse:
    query = PhotoLinkQuery(caller(container, request), request.path_params["pet_id"])
    return json_response({"download_url": container.request_photo_download()(query)})
