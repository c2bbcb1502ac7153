"""Blueprints of the function app, one per trigger module."""

from __future__ import annotations

import azure.functions as func


def blueprint() -> func.Blueprint:
    """A new Blueprint (azure-functions leaves Blueprint's constructor unannotated)."""
    return func.Blueprint()  # type: ignore[no-untyped-call]
