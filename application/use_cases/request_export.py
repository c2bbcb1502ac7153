from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.blobs import BlobStore
from application.ports.messaging import ExportAccount, JobQueue
from domain import exports
from domain.access import Caller


@attrs.frozen
class RequestExportCommand:
    caller: Caller


class RequestExport:
    """The owner in person asks for an export: it is marked as asked for, and built by a job
    through the queue. Returns the export's id."""

    def __init__(self, blobs: BlobStore, jobs: JobQueue) -> None:
        self._blobs, self._jobs = blobs, jobs

    def __call__(self, command: RequestExportCommand) -> str:
        require_owner_in_person(command.caller)
        owner_id, export_id = command.caller.user_id, exports.new_export_id()
        self._blobs.write_stream(
            exports.request_key(owner_id, export_id), [b"{}"], "application/json"
        )
        self._jobs.enqueue(ExportAccount(owner_id, export_id))
        return export_id
