"""The Function App the Functions host indexes (Python v2 programming model).

Registering the blueprints builds nothing: every function builds the container on its
first invocation (`runtime`). HTTP functions are anonymous to the host: the API judges
bearer tokens and API keys itself, as it does everywhere.
"""

from __future__ import annotations

import azure.functions as func

from entrypoints.azure_functions import (
    approvals,
    bundles,
    events,
    housekeeping,
    http_api,
    iot,
    jobs,
    live,
)

BLUEPRINTS = tuple(
    m.blueprint for m in (http_api, live, iot, bundles, jobs, events, housekeeping, approvals)
)


def function_app() -> func.FunctionApp:
    """A Function App of every blueprint; the host indexes an app once, so tests take a fresh one."""
    built = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    for blueprint in BLUEPRINTS:
        built.register_functions(blueprint)
    return built


app = function_app()
