"""One measurement in a fresh process; the parent (bench/run.py) passes what it needs in the
environment (BENCH_TOKEN, BENCH_PET_ID, BENCH_DAY, BENCH_OWNER, ...) and reads one JSON line.

    python -m bench.child cold <target>           import the handler, serve one request
    python -m bench.child warm <target> <n> <aws|memory|memory-jwt>
    python -m bench.child warm-paired <n>         handler and use case in turn: the adapters' cost
    python -m bench.child modules <function>      import and invoke one Lambda function
    python -m bench.child azure-cold              the Functions app's first HTTP request
"""

from __future__ import annotations

import sys

_AT_START = set(sys.modules)

import importlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from bench.events import Context, http_event  # noqa: E402

# The bench venv holds every peer's framework; a Lambda package holds only its own. Packages a
# target would not have in its deployment are made unimportable, as they are in Lambda, so that
# optional probes (dependency_injector looks for fastapi, pydantic_settings, ...) find nothing.
ELSEWHERE = {
    "fastapi", "starlette", "pydantic", "pydantic_core", "pydantic_settings", "dotenv", "mangum",
    "chalice", "aws_lambda_powertools", "moto", "werkzeug", "flask", "opentelemetry", "httpx",
    "uvicorn", "click", "anyio", "tests", "features",
}  # fmt: skip
OWN = {  # the distributions each target's deployment holds (their own requirements come along)
    "fastapi_mangum": ["fastapi", "mangum"],
    "chalice": ["chalice"],
    "powertools": ["aws-lambda-powertools"],
    "azure": ["azure-functions", "azure-data-tables", "azure-storage-blob", "azure-storage-queue",
              "azure-eventgrid", "azure-messaging-webpubsubservice", "httpx",
              "azure-monitor-opentelemetry", "azure-functions-durable"],
    # Its telemetry, and httpx for the functions that call out (lambda/dependencies/requirements.txt):
    # importable, as in the package; the bench's module counts show what each handler imports.
    "pawtrack": ["aws-lambda-powertools", "httpx"],
}  # fmt: skip


def _own_modules(target: str) -> set[str]:
    """Top-level modules of the target's distributions and of everything they require."""
    import re
    from importlib import metadata

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    wanted, todo = set(), [norm(d) for d in OWN.get(target, [])]
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            if "extra ==" not in requirement:
                todo.append(norm(re.split(r"[ ;<>=!~\[(]", requirement, maxsplit=1)[0]))
    return {
        top for top, dists in metadata.packages_distributions().items()
        if any(norm(d) in wanted for d in dists)
    }  # fmt: skip


class _Absent:
    """The path finder, blind to the named packages: for them an import fails as for a package
    not installed, and `importlib.util.find_spec` answers None (optional imports, such as yarl's
    probe of pydantic_core, take the path they take in the deployment)."""

    def __init__(self, names: set[str], finder: Any) -> None:
        self.names, self._finder = names, finder

    def find_spec(self, name: str, path: object = None, target: object = None) -> object:
        if name.partition(".")[0] in self.names:
            return None
        return self._finder.find_spec(name, path, target)

    def invalidate_caches(self) -> None:
        self._finder.invalidate_caches()


# Pawtrack's Lambda package holds no PyYAML (lambda/dependencies/requirements.txt). It verifies
# tokens with PyJWT on cryptography, as every peer does (PyJWT[crypto]): like with like.
NOT_IN_PAWTRACKS_PACKAGE = {"yaml", "_yaml"}


def isolate(target: str) -> None:
    absent = ELSEWHERE - _own_modules(target)
    if target == "pawtrack":
        absent |= NOT_IN_PAWTRACKS_PACKAGE
    from importlib.machinery import PathFinder

    sys.meta_path[sys.meta_path.index(PathFinder)] = _Absent(absent, PathFinder)


def peak_rss_kib() -> int:
    """This process's own high-water mark (ru_maxrss would count the parent's pages from fork)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


TARGETS = {  # name: (module, handler, the event's payload format)
    "pawtrack": ("entrypoints.aws_lambda.http", "handler", "2.0"),
    "bare": ("bench.peers.bare", "handler", "2.0"),
    "powertools": ("bench.peers.powertools", "handler", "2.0"),
    "chalice": ("bench.peers.chalice_app", "handler", "1.0"),
    "fastapi_mangum": ("bench.peers.fastapi_mangum", "handler", "2.0"),
}


def _env(name: str) -> str:
    return os.environ[name]


def _loaded() -> dict[str, Any]:
    new = set(sys.modules) - _AT_START
    tops = sorted({name.partition(".")[0] for name in new})
    ours = {"domain", "application", "adapters", "entrypoints", "bench"}
    return {
        "modules": len(sys.modules),
        "peak_rss_kib": peak_rss_kib(),
        "new_modules": len(new),
        "third_party": [
            t
            for t in tops
            if t not in sys.stdlib_module_names and t not in ours and not t.startswith("_")
        ],
        "ours": sorted(
            n for n in new if n.partition(".")[0] in ours and n.partition(".")[0] != "bench"
        ),
    }


def _check(answer: Any) -> None:
    status = answer.get("statusCode") if isinstance(answer, dict) else None
    if status != 200:
        raise SystemExit(f"unexpected answer: {str(answer)[:500]}")


def cold(target: str) -> None:
    isolate(target)
    module, name, version = TARGETS[target]
    handler = getattr(importlib.import_module(module), name)
    answer = handler(
        http_event(version, _env("BENCH_TOKEN"), _env("BENCH_PET_ID"), _env("BENCH_DAY")), Context()
    )
    _check(answer)
    print(json.dumps({"status": answer["statusCode"], **_loaded()}))


def _memory_pawtrack(with_jwt: bool) -> tuple[str, Any]:
    """A memory container seeded as the AWS table is; the identity stubbed unless `with_jwt`."""
    from dependency_injector import providers

    from bench.seed import seed_pet
    from domain.access import Caller
    from entrypoints.aws_lambda import runtime
    from entrypoints.settings import Cloud, Settings
    from entrypoints.wiring import build_container

    container = build_container(Settings(Cloud.MEMORY))
    owner = _env("BENCH_OWNER")
    pet_id = seed_pet(container, owner, _env("BENCH_DAY"), int(_env("BENCH_READINGS")))
    token = "stub"
    if with_jwt:
        token = container.ports.token_issuer().issue(owner)
    else:

        class Stub:
            def verify(self, token: str) -> Caller:
                return Caller(owner)

        container.ports().identity.override(providers.Object(Stub()))
    runtime.use_container(container)
    return pet_id, token


def _core_handler(pet_id: str, day: str) -> Any:
    """The use case, its view and the JSON: what is left without the HTTP adapters."""
    from datetime import date

    from application.use_cases.get_daily_activity import GetDailyActivityQuery
    from domain.access import Caller
    from entrypoints.aws_lambda import runtime
    from entrypoints.http.activity import activity_view
    from entrypoints.http.jsonio import encode_json

    container, owner = runtime.container(), Caller(_env("BENCH_OWNER"))

    def handler(event: Any, context: Any) -> dict[str, Any]:
        query = GetDailyActivityQuery(owner, pet_id, date.fromisoformat(day))
        return {
            "statusCode": 200,
            "body": encode_json(activity_view(container.get_daily_activity()(query))),
        }

    return handler


def warm(target: str, n: int, store: str) -> None:
    isolate(target.removesuffix("_core"))
    token, pet_id, day = (
        os.environ.get("BENCH_TOKEN", ""),
        os.environ.get("BENCH_PET_ID", ""),
        _env("BENCH_DAY"),
    )
    core = target == "pawtrack_core"
    module, name, version = TARGETS["pawtrack" if core else target]
    if store != "aws":
        if target.startswith("pawtrack"):
            pet_id, token = _memory_pawtrack(store == "memory-jwt")
        else:
            from bench.peers import common

            pet_id, token = "pet-1", "stub"
            common.use_memory(_env("BENCH_OWNER"), pet_id, day, int(_env("BENCH_READINGS")))
    handler = _core_handler(pet_id, day) if core else getattr(importlib.import_module(module), name)
    event, context = http_event(version, token, pet_id, day), Context()
    _check(handler(event, context))
    times = []
    for _ in range(n):
        start = time.perf_counter_ns()
        handler(event, context)
        times.append(time.perf_counter_ns() - start)
    _check(handler(event, context))
    times.sort()
    print(
        json.dumps(
            {
                "median_us": times[len(times) // 2] / 1000,
                "min_us": times[0] / 1000,
                "max_us": times[-1] / 1000,
                "n": n,
            }
        )
    )


def warm_paired(n: int) -> None:
    """Pawtrack's HTTP adapters alone: the whole handler and its use case + view + JSON, timed
    call by call in turn in one process, so that both see the same machine; the median of
    the differences of each pair."""
    isolate("pawtrack")
    day = _env("BENCH_DAY")
    pet_id, token = _memory_pawtrack(False)
    module, name, version = TARGETS["pawtrack"]
    whole = getattr(importlib.import_module(module), name)
    core = _core_handler(pet_id, day)
    event, context = http_event(version, token, pet_id, day), Context()
    _check(whole(event, context))
    _check(core(event, context))
    differences, wholes, cores = [], [], []
    for i in range(n):
        timed = []
        for handler in (whole, core) if i % 2 else (core, whole):
            start = time.perf_counter_ns()
            handler(event, context)
            timed.append((handler is whole, time.perf_counter_ns() - start))
        took = dict(timed)
        wholes.append(took[True])
        cores.append(took[False])
        differences.append(took[True] - took[False])
    for values in (differences, wholes, cores):
        values.sort()
    middle = n // 2
    print(json.dumps({"overhead_us": differences[middle] / 1000, "handler_us": wholes[middle] / 1000,
                      "core_us": cores[middle] / 1000, "n": n}))  # fmt: skip


def modules(function: str) -> None:
    from bench.events import function_event

    isolate("pawtrack")

    module, name, event = function_event(function)
    handler = getattr(importlib.import_module(module), name)
    answer = handler(event, Context())
    print(json.dumps({"answer": str(answer)[:200], **_loaded()}))


def azure_cold() -> None:
    isolate("azure")
    import azure.functions as func

    from entrypoints.azure_functions import function_app

    wanted = "http_get_pets_pet_id_activity_day"
    found = [f for f in function_app.app.get_functions() if f.get_function_name() == wanted]
    user_function = found[0].get_user_function()
    pet_id, day = _env("BENCH_PET_ID"), _env("BENCH_DAY")
    request = func.HttpRequest(
        method="GET",
        url=f"http://localhost/pets/{pet_id}/activity/{day}",
        headers={"Authorization": f"Bearer {_env('BENCH_TOKEN')}"},
        params={},
        route_params={"pet_id": pet_id, "day": day},
        body=b"",
    )
    answer = user_function(request)
    if answer.status_code != 200:
        raise SystemExit(f"unexpected answer: {answer.status_code} {answer.get_body()[:300]!r}")
    print(json.dumps({"status": answer.status_code, **_loaded()}))


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "cold":
        cold(args[0])
    elif mode == "warm":
        warm(args[0], int(args[1]), args[2])
    elif mode == "warm-paired":
        warm_paired(int(args[0]))
    elif mode == "modules":
        modules(args[0])
    elif mode == "azure-cold":
        azure_cold()
    else:
        raise SystemExit(f"unknown mode {mode}")
