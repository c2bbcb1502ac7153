"""A fake of the Durable Functions extension's HTTP API (`/runtime/webhooks/durabletask`):
starting an orchestration instance by name and id, raising an event to it. It checks what the
extension checks (the system key, the orchestration's name, an instance that exists and still
runs: 404 and 410 otherwise) and keeps the instances for the tests; `time_out` ends a waiting
instance as its timer would. The orchestration itself is tested step by step
(tests/azure_functions/test_approval_orchestration.py)."""

from __future__ import annotations

import secrets
from typing import Any

from tests.support.azure_fakes import LoopbackServer, Request, Response, problem

PREFIX = "/runtime/webhooks/durabletask/"
ORCHESTRATIONS = {"app_approval"}


class FakeDurable(LoopbackServer):
    def __init__(self) -> None:
        super().__init__()
        self.key = secrets.token_urlsafe(24)
        self.instances: dict[str, dict[str, Any]] = {}

    def handle(self, request: Request) -> Response:
        if request.method != "POST" or not request.path.startswith(PREFIX):
            return problem(404, "NotFound", request.path)
        if not secrets.compare_digest(request.query.get("code", ""), self.key):
            return problem(401, "Unauthorized", "the system key is missing or wrong")
        parts = request.path.removeprefix(PREFIX).split("/")
        with self.lock:
            if len(parts) == 3 and parts[0] == "orchestrators" and parts[1] in ORCHESTRATIONS:
                return self._start(parts[2], request.json())
            if len(parts) == 4 and parts[0] == "instances" and parts[2] == "raiseEvent":
                return self._raise(parts[1], parts[3], request.json())
        return problem(404, "NotFound", request.path)

    def _start(self, instance: str, given: Any) -> Response:
        if instance in self.instances:
            return problem(409, "Conflict", f"instance {instance} exists")
        self.instances[instance] = {"input": given, "status": "Running", "events": []}
        return Response(202, {"id": instance})

    def _raise(self, instance: str, event: str, data: Any) -> Response:
        found = self.instances.get(instance)
        if found is None:
            return problem(404, "NotFound", f"no instance {instance}")
        if found["status"] != "Running":
            return problem(410, "Gone", f"instance {instance} is {found['status']}")
        found["events"].append((event, data))
        found["status"] = "Completed"  # the orchestration ends on its decision
        return Response(202, None)

    def time_out(self, instance: str) -> None:
        with self.lock:
            self.instances[instance]["status"] = "Completed"
