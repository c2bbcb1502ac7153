from __future__ import annotations

import attrs

from application.authorization import hidden_from_apps
from application.ports.blobs import BlobStore
from domain import exports
from domain.access import Caller
from domain.errors import NotFound


@attrs.frozen
class GetExportQuery:
    caller: Caller
    export_id: str


@attrs.frozen
class ExportState:
    """An export being built (`download_url` None) or ready, with a link that works 24 hours."""

    export_id: str
    download_url: str | None


class GetExport:
    """The owner's own export only: its key is under the owner's folder, so another owner's id
    (or an app, or an export deleted after 7 days) finds nothing and answers as an unknown id."""

    def __init__(self, blobs: BlobStore) -> None:
        self._blobs = blobs

    def __call__(self, query: GetExportQuery) -> ExportState:
        hidden_from_apps(query.caller, "export")
        export_id = exports.checked_export_id(query.export_id)
        owner_id = query.caller.user_id
        key = exports.export_key(owner_id, export_id)
        if self._blobs.exists(key):
            return ExportState(export_id, self._blobs.download_link(key, exports.LINK_LIFETIME))
        if self._blobs.exists(exports.request_key(owner_id, export_id)):
            return ExportState(export_id, None)
        raise NotFound("there is no such export")
