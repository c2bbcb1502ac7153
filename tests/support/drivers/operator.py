"""Operators' actions through the use cases, as `pawtrack` on an operator's machine does them:
for the cloud bindings, where an operator is not a user of the app's identity provider."""

from __future__ import annotations

from typing import Any

from application.use_cases.decide_app import DecideAppCommand
from application.use_cases.issue_api_key import IssueApiKeyCommand
from application.use_cases.revoke_api_key import RevokeApiKeyCommand
from domain.access import Caller
from domain.api_keys import prefix_of

OPERATOR = Caller("operator", is_admin=True)


class OperatorActions:
    c: Any  # the binding's container
    ids: dict[str, str]

    oauth: dict[str, Any]

    def approve_as_operator(self, name: str) -> None:
        command = DecideAppCommand(OPERATOR, self.oauth[name].request_id, True)
        self.c.decide_app()(command)

    def create_cms_key(self) -> str:
        return str(self.c.issue_api_key()(IssueApiKeyCommand(OPERATOR, "content", "cms")).plaintext)

    def revoke_cms_key(self, key: str) -> None:
        self.c.revoke_api_key()(RevokeApiKeyCommand(OPERATOR, prefix_of(key) or ""))
