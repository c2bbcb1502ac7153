"""A timer where the rules need one: Azure Tables has no TTL, so the readings kept aside
more than 14 days ago are purged once a day (DynamoDB's TTL does this on AWS)."""

from __future__ import annotations

import logging

import azure.functions as func

from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation

blueprint = new_blueprint()
log = logging.getLogger(__name__)


@blueprint.function_name("housekeeping_purge_quarantine")
@blueprint.timer_trigger(arg_name="timer", schedule="0 30 3 * * *", run_on_startup=False)
def purge_quarantine(timer: func.TimerRequest, context: func.Context = NO_CONTEXT) -> None:
    with invocation("housekeeping_purge_quarantine", context):
        purged = runtime.container().purge_quarantine()()
    log.info(
        "purged %d expired quarantined readings%s", purged, " (late run)" if timer.past_due else ""
    )
