"""Domain errors. Each transport maps them to its status codes in one place."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain or the use cases raise on purpose."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    """The thing does not exist, or the caller may not know that it does."""


class AccessDenied(DomainError):
    """The caller is known but lacks the role for this action."""


class Unauthenticated(DomainError):
    """No valid credential was presented."""


class Conflict(DomainError):
    """The action contradicts the current state (already paired, stale version)."""


class InvalidInput(DomainError):
    """A value breaks a rule; `field` names it."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field


class TooManyRequests(DomainError):
    """The caller passed its limit; it may come back after `retry_after` seconds."""

    def __init__(self, detail: str, limit: int, retry_after: int) -> None:
        super().__init__(detail)
        self.limit, self.retry_after = limit, retry_after
