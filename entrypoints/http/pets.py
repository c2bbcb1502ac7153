"""Pets: registering, reading, the step goal and the weight history.

Every answer with a pet carries its version as the entity tag; a change honours If-Match.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from application.use_cases.get_pet import GetPetQuery
from application.use_cases.list_pets import ListPetsQuery
from application.use_cases.record_weight import RecordWeightCommand
from application.use_cases.register_pet import RegisterPetCommand
from application.use_cases.remove_pet import RemovePetCommand
from application.use_cases.set_step_goal import SetStepGoalCommand
from domain.clockwork import parse_day
from domain.pets import Pet
from entrypoints.http.auth import caller
from entrypoints.http.bodies import json_body
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content
from entrypoints.http.pages import page_response
from entrypoints.http.preconditions import both, etag, if_match
from entrypoints.http.whereabouts import safe_zone_view

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class NewPetBody:
    name: str
    species: str
    weight_kg: float


@attrs.frozen
class PetChangesBody:
    daily_step_goal: int
    version: int | None = None


@attrs.frozen
class WeightBody:
    weight_kg: float
    day: str | None = None


def pet_view(pet: Pet) -> dict[str, object]:
    return {
        "id": pet.id,
        "name": pet.name,
        "species": pet.species.value,
        "weight_kg": pet.latest_weight.kg,
        "daily_step_goal": pet.daily_step_goal,
        "version": pet.version,
        "weights": [{"day": w.day.isoformat(), "weight_kg": w.kg} for w in pet.weights],
        "safe_zone": safe_zone_view(pet.safe_zone),
    }


def pet_response(pet: Pet, status: int = 200) -> HttpResponse:
    response = json_response(pet_view(pet), status)
    return attrs.evolve(response, headers={**response.headers, "etag": etag(pet.version)})


def register_pet(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    body = json_body(request, NewPetBody)
    command = RegisterPetCommand(who, body.name, body.species, body.weight_kg)
    return pet_response(container.register_pet()(command), 201)


def list_pets(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    pets = container.list_pets()(ListPetsQuery(who))
    return page_response(container, request, who, "pets", pets, lambda p: (p.name, p.id), pet_view)


def get_pet(container: Container, request: HttpRequest) -> HttpResponse:
    query = GetPetQuery(caller(container, request), request.path_params["pet_id"])
    return pet_response(container.get_pet()(query))


def remove_pet(container: Container, request: HttpRequest) -> HttpResponse:
    command = RemovePetCommand(caller(container, request), request.path_params["pet_id"])
    container.remove_pet()(command)
    return no_content()


def change_pet(container: Container, request: HttpRequest) -> HttpResponse:
    who, expected = caller(container, request), if_match(request)
    body = json_body(request, PetChangesBody)
    if body.version is not None:
        expected = both(expected, frozenset({body.version}))
    pet_id = request.path_params["pet_id"]
    command = SetStepGoalCommand(who, pet_id, body.daily_step_goal, expected)
    return pet_response(container.set_step_goal()(command))


def record_weight(container: Container, request: HttpRequest) -> HttpResponse:
    who, expected = caller(container, request), if_match(request)
    body = json_body(request, WeightBody)
    day = parse_day(body.day) if body.day is not None else None
    pet_id = request.path_params["pet_id"]
    command = RecordWeightCommand(who, pet_id, body.weight_kg, day, expected)
    return pet_response(container.record_weight()(command))
