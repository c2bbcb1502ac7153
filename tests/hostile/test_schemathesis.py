"""Schemathesis against the running local server, with the OpenAPI document it serves
(/openapi.json) as the contract: every check, positive and negative data, each operation on
its own (examples, coverage and fuzzing phases), then chains of operations along the
document's links (stateful), authenticated as an owner, the CMS and tracker-platform webhooks
with their API keys; then each operation again as an administrator, so that the
administrators' routes answer with their data, not only 403. Deterministic: a fixed seed, derandomized, bounded examples and scenarios
(tests/hostile/http_schemathesis.py holds the run's configuration).

Each request schemathesis sends and checks is one case of the figure "schemathesis" (held:
no check failed, so no server error and no schema or status violation)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis import Case, Response
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests.hostile.http_schemathesis import SCENARIOS, Served, local_server, run_configuration
from tests.support.figures import Figures

ROW, COLUMN = "schemathesis", "http"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with local_server(Path(tmp_path_factory.mktemp("schemathesis"))) as running:
        yield running


@pytest.fixture(scope="module")
def contract(served: Served) -> OpenApiSchema:
    config = schemathesis.Config.from_dict(run_configuration(served))
    return schemathesis.openapi.from_url(f"{served.base_url}/openapi.json", config=config)


@pytest.fixture
def node_id_for_schemathesis(request: pytest.FixtureRequest) -> None:
    """schemathesis 4.32's lazy loader reads and renames `item._nodeid`, which pytest 9.2 no
    longer has (its node ids moved to `item._id`); without it the loader fails before any case."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture(scope="module")
def contract_as_admin(served: Served) -> OpenApiSchema:
    config = schemathesis.Config.from_dict(run_configuration(served, served.admin_token))
    return schemathesis.openapi.from_url(f"{served.base_url}/openapi.json", config=config)


lazy_contract = schemathesis.pytest.from_fixture("contract")
lazy_contract_as_admin = schemathesis.pytest.from_fixture("contract_as_admin")


def checked(case: Case, figures: Figures, row: str = ROW) -> None:
    try:
        case.call_and_validate()
    except BaseException:
        figures.record(row, COLUMN, held=False)
        raise
    figures.record(row, COLUMN, held=True)


@pytest.mark.usefixtures("node_id_for_schemathesis")
@lazy_contract.parametrize()
def test_each_operation_holds_to_the_document(case: Case, figures: Figures) -> None:
    checked(case, figures)


@pytest.mark.usefixtures("node_id_for_schemathesis")
@lazy_contract_as_admin.parametrize()
def test_each_operation_holds_to_the_document_as_an_administrator(
    case: Case, figures: Figures
) -> None:
    checked(case, figures, "schemathesis-admin")


def test_linked_operations_hold_to_the_document(contract: OpenApiSchema, figures: Figures) -> None:
    class Scenarios(contract.as_state_machine()):  # type: ignore[misc]
        def validate_response(self, response: Response, case: Case, **kwargs: Any) -> None:
            try:
                super().validate_response(response, case, **kwargs)
            except BaseException:
                figures.record(ROW, COLUMN, held=False)
                raise
            figures.record(ROW, COLUMN, held=True)

    stateful = contract.config.get_hypothesis_settings(phase="stateful")
    Scenarios.run(settings=hypothesis.settings(stateful, max_examples=SCENARIOS))
