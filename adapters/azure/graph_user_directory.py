"""The users of the Entra tenant, read through Microsoft Graph.

A user's id is their object id (what their tokens carry as `oid`); their name the
display name (not unique), or the user principal name when they have none.

Administrators are the users assigned the API's app role "Pawtrack.Admin": the
role Entra puts in their tokens' `roles`, which is what the verifier reads. The
assignments are read from the API's service principal (`appRoleAssignedTo`),
found by the API's client id (the tokens' audience). The role's id is configured,
or looked up once by its value among the service principal's app roles.

Not done: a role assigned to a *group* gives its members the role in their tokens,
but here only users assigned directly count (group members are not expanded).
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import httpx

from application.ports.identity import UserDirectory
from domain.access import User

from .graph_api import PAGE_SIZE, GraphApi, TokenProvider

ADMIN_ROLE = "Pawtrack.Admin"


class GraphUserDirectory(UserDirectory):
    def __init__(
        self,
        http_client: httpx.Client,
        graph_url: str,
        token_provider: TokenProvider,
        api_client_id: str,
        admin_role_id: str | None = None,
    ) -> None:
        self._graph = GraphApi(http_client, graph_url, token_provider)
        self._principal = f"servicePrincipals(appId='{api_client_id}')"
        self._admin_role_id = admin_role_id

    def list_users(self) -> list[User]:
        admins = self._admins()
        users = [
            User(user["id"], _name(user), user["id"] in admins)
            for user in self._graph.pages(
                "users", **{"$select": "id,userPrincipalName,displayName", "$top": str(PAGE_SIZE)}
            )
        ]
        return sorted(users, key=lambda user: (user.name, user.id))

    def remove(self, user_id: str) -> None:
        """DELETE the user (Entra keeps a deleted user 30 days, restorable), then DELETE it from
        the deleted items for good; gone already from either: nothing. Their app role
        assignments go with them. Needs User.ReadWrite.All and User.DeleteRestore.All."""
        user = urllib.parse.quote(user_id, safe="")
        for path in (f"users/{user}", f"directory/deletedItems/{user}"):
            try:
                self._graph.delete(path)
            except httpx.HTTPStatusError as error:
                if error.response.status_code != 404:
                    raise

    def _admins(self) -> set[str]:
        role = self._role_id()
        return {
            assignment["principalId"]
            for assignment in self._graph.pages(
                f"{self._principal}/appRoleAssignedTo", **{"$top": str(PAGE_SIZE)}
            )
            if assignment.get("appRoleId") == role and assignment.get("principalType") == "User"
        }

    def _role_id(self) -> str:
        if self._admin_role_id is None:
            principal = self._graph.get(self._principal, **{"$select": "appRoles"})
            roles = [r["id"] for r in principal.get("appRoles", []) if r.get("value") == ADMIN_ROLE]
            if not roles:
                raise LookupError(f"the API's service principal has no app role {ADMIN_ROLE}")
            self._admin_role_id = roles[0]
        return self._admin_role_id


def _name(user: dict[str, Any]) -> str:
    return str(user.get("displayName") or user["userPrincipalName"])
