"""The approval workflow's states in SQLite (the laptop's Step Functions): a request waits
until its deadline; a decision ends the wait only while it lasts (one conditional UPDATE), and
the timer (`due`, run by ExpireAppRequests) ends the waits past their deadline, each once."""

from __future__ import annotations

from datetime import datetime

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.apps import ApprovalWorkflow
from domain.apps import AppRequest
from domain.errors import Conflict


class SqliteApprovalWorkflow(ApprovalWorkflow):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def start(self, request: AppRequest) -> None:
        self._db.run(
            "INSERT OR IGNORE INTO approval_workflows (request_id, deadline, state)"
            " VALUES (?, ?, 'waiting')",
            (request.id, request.deadline.isoformat()),
        )

    def waiting(self, request_id: str, token: str) -> None:
        pass  # this workflow needs no token: the request's id names it

    def decide(self, request: AppRequest, approve: bool, now: datetime) -> None:
        ended = self._db.run(
            "UPDATE approval_workflows SET state = ? WHERE request_id = ?"
            " AND state = 'waiting' AND deadline > ?",
            ("approved" if approve else "refused", request.id, now.isoformat()),
        )
        if ended != 1:
            raise Conflict("the request no longer waits for a decision")

    def due(self, now: datetime) -> list[str]:
        with self._db.write() as connection:
            rows = connection.execute(
                "UPDATE approval_workflows SET state = 'timed-out'"
                " WHERE state = 'waiting' AND deadline <= ? RETURNING request_id",
                (now.isoformat(),),
            ).fetchall()
        return sorted(row["request_id"] for row in rows)
