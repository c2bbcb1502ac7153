"""A fake Microsoft Graph: users (deleted ones kept in the deleted items until deleted from
there too), the API's app role assignments, and applications.

Every call needs a bearer token the fake Entra issued for Graph (signature, issuer,
audience = this fake's URL, expiry) carrying the application permission the call
needs. Lists come in pages of PAGE_SIZE with an `@odata.nextLink`, so paging is
exercised; `$select` narrows users to the fields named.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import jwt

from .azure_fake_entra import FakeEntra
from .azure_fakes import LoopbackServer, Request, Response, problem

PAGE_SIZE = 2
ADMIN_ROLE = "Pawtrack.Admin"
NEEDS = {  # (method, route) -> any one of these application permissions
    ("GET", "users"): {"User.Read.All", "Directory.Read.All"},
    ("GET", "principal"): {"Application.Read.All", "Directory.Read.All"},
    ("GET", "assignments"): {"Application.Read.All", "Directory.Read.All"},
    ("POST", "applications"): {"Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"},
    ("DELETE", "application"): {"Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"},
    ("DELETE", "user"): {"User.ReadWrite.All", "Directory.ReadWrite.All"},
    ("DELETE", "deleted"): {"User.DeleteRestore.All"},
}
ROUTES = {
    "users": re.compile(r"/v1\.0/users"),
    "principal": re.compile(r"/v1\.0/servicePrincipals\(appId='(?P<app>[^']+)'\)"),
    "assignments": re.compile(r"/v1\.0/servicePrincipals\(appId='(?P<app>[^']+)'\)/appRoleAssignedTo"),
    "applications": re.compile(r"/v1\.0/applications"),
    "application": re.compile(r"/v1\.0/applications/(?P<id>[^/]+)"),
    "user": re.compile(r"/v1\.0/users/(?P<id>[^/]+)"),
    "deleted": re.compile(r"/v1\.0/directory/deletedItems/(?P<id>[^/]+)"),
}  # fmt: skip


class FakeGraph(LoopbackServer):
    def __init__(self, entra: FakeEntra, api_client_id: str) -> None:
        super().__init__()
        self.entra, self.api_client_id = entra, api_client_id
        self.principal_id, self.admin_role_id = str(uuid.uuid4()), str(uuid.uuid4())
        self.users: dict[str, dict[str, Any]] = {}
        self.assignments: list[dict[str, Any]] = []
        self.applications: dict[str, dict[str, Any]] = {}  # by object id
        self.deleted_users: dict[str, dict[str, Any]] = {}  # restorable for 30 days in Entra

    def put_user(self, user_id: str, display_name: str | None, upn: str | None = None) -> None:
        upn = upn or f"{user_id}@contoso.example"
        with self.lock:
            self.users[user_id] = {
                "id": user_id,
                "displayName": display_name,
                "userPrincipalName": upn,
            }

    def assign_admin(self, principal_id: str, assigned: bool = True, kind: str = "User") -> None:
        with self.lock:
            self.assignments = [a for a in self.assignments if a["principalId"] != principal_id]
            if assigned:
                self.assignments.append(
                    {"id": uuid.uuid4().hex, "appRoleId": self.admin_role_id,
                     "principalId": principal_id, "principalType": kind,
                     "resourceId": self.principal_id}
                )  # fmt: skip

    def handle(self, request: Request) -> Response:
        for name, pattern in ROUTES.items():
            found = pattern.fullmatch(request.path)
            if found and (request.method, name) in NEEDS:
                refusal = self._refusal(request, NEEDS[request.method, name])
                if refusal is not None:
                    return refusal
                with self.lock:
                    return getattr(self, f"_{request.method.lower()}_{name}")(
                        request, **found.groupdict()
                    )
        return problem(404, "Request_ResourceNotFound", f"{request.method} {request.path}")

    def _refusal(self, request: Request, permissions: set[str]) -> Response | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            claims = jwt.decode(
                token, self.entra.signing_key.public_key(), algorithms=["RS256"],
                audience=self.url, issuer=self.entra.issuer(),
                options={"require": ["exp", "iat", "aud", "iss", "roles"]},
            )  # fmt: skip
        except jwt.PyJWTError as error:
            return problem(401, "InvalidAuthenticationToken", str(error))
        if scheme != "Bearer":
            return problem(401, "InvalidAuthenticationToken", "Bearer expected")
        if not permissions & set(claims["roles"]):
            return problem(403, "Authorization_RequestDenied", "Insufficient privileges")
        return None

    def _get_users(self, request: Request) -> Response:
        fields = request.query.get("$select", "id,displayName,userPrincipalName").split(",")
        users = [{f: u.get(f) for f in fields} for u in self.users.values()]
        return self._page(request, users)

    def _get_principal(self, request: Request, app: str) -> Response:
        if app != self.api_client_id:
            return problem(404, "Request_ResourceNotFound", f"no service principal of {app}")
        role = {"id": self.admin_role_id, "value": ADMIN_ROLE, "allowedMemberTypes": ["User"]}
        return Response(200, {"id": self.principal_id, "appId": app, "appRoles": [role]})

    def _get_assignments(self, request: Request, app: str) -> Response:
        if app != self.api_client_id:
            return problem(404, "Request_ResourceNotFound", f"no service principal of {app}")
        return self._page(request, list(self.assignments))

    def _post_applications(self, request: Request) -> Response:
        name = request.json().get("displayName")
        if not isinstance(name, str) or not 1 <= len(name) <= 256:
            return problem(400, "Request_BadRequest", "displayName is required")
        created = {"id": str(uuid.uuid4()), "appId": str(uuid.uuid4()), "displayName": name}
        self.applications[created["id"]] = created
        return Response(201, created)

    def _delete_application(self, request: Request, id: str) -> Response:
        if self.applications.pop(id, None) is None:
            return problem(404, "Request_ResourceNotFound", f"no application {id}")
        return Response(204)

    def _delete_user(self, request: Request, id: str) -> Response:
        """As Entra: the user goes to the deleted items, their role assignments go with them."""
        user = self.users.pop(id, None)
        if user is None:
            return problem(404, "Request_ResourceNotFound", f"no user {id}")
        self.assignments = [a for a in self.assignments if a["principalId"] != id]
        self.deleted_users[id] = user
        return Response(204)

    def _delete_deleted(self, request: Request, id: str) -> Response:
        if self.deleted_users.pop(id, None) is None:
            return problem(404, "Request_ResourceNotFound", f"no deleted item {id}")
        return Response(204)

    def _page(self, request: Request, items: list[dict[str, Any]]) -> Response:
        start = int(request.query.get("$skiptoken", "0"))
        body: dict[str, Any] = {"value": items[start : start + PAGE_SIZE]}
        if start + PAGE_SIZE < len(items):
            query = "&".join(f"{k}={v}" for k, v in request.query.items() if k != "$skiptoken")
            body["@odata.nextLink"] = (
                f"{self.url}{request.path}?{query}&$skiptoken={start + PAGE_SIZE}"
            )
        return Response(200, body)
