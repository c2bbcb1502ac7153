"""What every peer does for `GET /pets/{pet_id}/activity/{day}`, the same work Pawtrack's handler
does: verify the Cognito access token against the pool's JWKS (fetched once), then one GetItem of
the pet, one Query of the day's totals and one Query of the day's readings in the same table.

`use_memory` swaps the table for dicts and the token check for a stub, for the warm measurement
of the frameworks' own overhead.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable
from typing import Any


class Unauthorized(Exception):
    pass


_jwks: dict[str, Any] = {}
_client: list[Any] = []


def _dynamodb() -> Any:
    if not _client:
        import boto3

        _client.append(boto3.client("dynamodb", region_name=os.environ["AWS_REGION"]))
    return _client[0]


def verify_cognito(token: str) -> str:
    """The token's subject, as Pawtrack's CognitoIdentityVerifier checks it (RS256, issuer, client)."""
    import jwt

    try:
        header = jwt.get_unverified_header(token)
        if not _jwks:
            with urllib.request.urlopen(os.environ["PAWTRACK_JWKS_URL"], timeout=5) as answer:
                for key in json.loads(answer.read())["keys"]:
                    _jwks[key["kid"]] = jwt.PyJWK(key).key
        issuer = (
            f"https://cognito-idp.{os.environ['AWS_REGION']}.amazonaws.com/"
            f"{os.environ['PAWTRACK_USER_POOL_ID']}"
        )
        claims = jwt.decode(
            token, _jwks[header["kid"]], algorithms=["RS256"], issuer=issuer,
            options={"verify_aud": False},
        )  # fmt: skip
    except (jwt.PyJWTError, KeyError, ValueError) as error:
        raise Unauthorized from error
    if claims.get("token_use") != "access" or claims.get("client_id") != os.environ.get(
        "PAWTRACK_APP_CLIENT_ID"
    ):
        raise Unauthorized
    return str(claims["sub"])


def _get_pet(pet_id: str) -> dict[str, Any] | None:
    item = (
        _dynamodb()
        .get_item(
            TableName=os.environ["PAWTRACK_TABLE"],
            Key={"pk": {"S": f"PET#{pet_id}"}, "sk": {"S": "PET"}},
            ConsistentRead=True,
        )
        .get("Item")
    )
    return None if item is None else {"owner_id": item["owner_id"]["S"], "name": item["name"]["S"]}


def _totals(pet_id: str, day: str) -> dict[str, int]:
    items = _dynamodb().query(
        TableName=os.environ["PAWTRACK_TABLE"],
        KeyConditionExpression="pk = :pet AND sk BETWEEN :first AND :last",
        ExpressionAttributeValues={
            ":pet": {"S": f"PET#{pet_id}"},
            ":first": {"S": f"DAY#{day}"},
            ":last": {"S": f"DAY#{day}"},
        },
        ConsistentRead=True,
    )["Items"]
    if not items:
        return {"steps": 0, "readings": 0}
    return {"steps": int(items[0]["s"]["N"]), "readings": int(items[0]["n"]["N"])}


def _readings(pet_id: str, day: str) -> list[dict[str, Any]]:
    """The day item's latest readings of each tracker and the day's chunks, packed as Pawtrack
    packs them (adapters/reading_pack.py: the storage format, which any reader must read)."""
    from datetime import date

    from adapters.reading_pack import base_of, split, unpack

    table, key = os.environ["PAWTRACK_TABLE"], {"pk": {"S": f"PET#{pet_id}"}}
    item = (
        _dynamodb()
        .get_item(TableName=table, Key={**key, "sk": {"S": f"DAY#{day}"}}, ConsistentRead=True)
        .get("Item", {})
    )
    chunks = _dynamodb().query(
        TableName=table,
        KeyConditionExpression="pk = :pet AND begins_with(sk, :c)",
        ExpressionAttributeValues={":pet": key["pk"], ":c": {"S": f"CHUNK#{day}#"}},
        ConsistentRead=True,
    )["Items"]
    tails = [(n[2:], v["B"]) for n, a in item.items() if n.startswith("r:") for v in a["L"]]
    packed = tails + [(c["t"]["S"], s) for c in chunks for s in split(c["r"]["B"])]
    base, found = base_of(date.fromisoformat(day)), {}
    for tracker, data in packed:
        for r in unpack(data, base, tracker).readings:
            found[r.key] = {"time": r.time.isoformat(), "steps": r.steps}
    return list(found.values())


verify: Callable[[str], str] = verify_cognito
get_pet: Callable[[str], dict[str, Any] | None] = _get_pet
totals: Callable[[str, str], dict[str, int]] = _totals
readings: Callable[[str, str], list[dict[str, Any]]] = _readings


def use_memory(owner: str, pet_id: str, day: str, count: int) -> None:
    """Dicts instead of DynamoDB, and any token is the owner's: only the framework is left."""
    global verify, get_pet, totals, readings
    pets = {pet_id: {"owner_id": owner, "name": "Rex"}}
    day_totals = {(pet_id, day): {"steps": 100 * count, "readings": count}}
    day_readings = {
        (pet_id, day): [
            {"time": f"{day}T{n // 60:02d}:{n % 60:02d}:00Z", "steps": 100} for n in range(count)
        ]
    }
    verify = lambda token: owner  # noqa: E731
    get_pet = pets.get
    totals = lambda p, d: day_totals.get((p, d), {"steps": 0, "readings": 0})  # noqa: E731
    readings = lambda p, d: day_readings.get((p, d), [])  # noqa: E731


def daily_activity(token: str, pet_id: str, day: str) -> dict[str, object] | None:
    """The day's view, or None where Pawtrack answers 404 (no pet, or another owner's).
    Raises Unauthorized for a token that does not verify."""
    owner = verify(token)
    pet = get_pet(pet_id)
    if pet is None or pet["owner_id"] != owner:
        return None
    day_totals, day_readings = totals(pet_id, day), readings(pet_id, day)
    steps = day_totals["steps"]
    return {
        "pet_id": pet_id,
        "day": day,
        "steps": steps,
        "walked_km": round(steps * 0.0007, 2),
        "readings": len(day_readings),
    }


def bearer(headers: dict[str, str] | None) -> str:
    value = (headers or {}).get("authorization") or (headers or {}).get("Authorization") or ""
    return value.removeprefix("Bearer ").strip()
