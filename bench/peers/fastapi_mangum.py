"""FastAPI behind Mangum (payload 2.0). A plain `def` route, as FastAPI advises for blocking I/O."""

from __future__ import annotations

from fastapi import FastAPI, Header, HTTPException
from mangum import Mangum

from bench.peers import common

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/pets/{pet_id}/activity/{day}")
def activity(pet_id: str, day: str, authorization: str = Header(default="")) -> dict[str, object]:
    try:
        view = common.daily_activity(common.bearer({"authorization": authorization}), pet_id, day)
    except common.Unauthorized as error:
        raise HTTPException(401, "unauthenticated") from error
    if view is None:
        raise HTTPException(404, "not found")
    return view


handler = Mangum(app, lifespan="off")
