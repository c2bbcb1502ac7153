"""An upload answer says which headers the PUT must carry, and the storage holds the PUT to them.

S3 signs an upload link's `Content-Type` (a PUT with another one, or none, gets 403), Blob
Storage refuses a Put Blob without `x-ms-blob-type`, and the local server refuses what S3
refuses. Each binding's answer to `POST /pets/{pet_id}/photo` and `POST /trackers/{serial}/
bundles` names its headers; a PUT with them is stored, one without them is refused where the
storage checks (moto does not check presigned URLs: the aws binding shows the answer only).
"""

from __future__ import annotations

import json

import httpx

from tests.support.drivers.api import ApiDriver
from tests.support.figures import Figures

# What each binding's storage refuses, and with which status: a header left out or changed.
REFUSED = {
    "http": {"Content-Type": 403},  # as S3 answers a header the link did not sign
    "azure": {"x-ms-blob-type": 400},  # Blob Storage's answer to a Put Blob without a type
    "aws": {},  # S3 answers 403, moto serves it anyway (tests/contracts: unchecked_links)
}
REQUIRED = {
    "http": {"Content-Type"},
    "aws": {"Content-Type"},
    "azure": {"Content-Type", "x-ms-blob-type"},
}


def uploads(api: ApiDriver) -> dict[str, tuple[dict[str, object], str]]:
    api.add_user("alice")
    api.register_pet("alice", "dog", "Rex", 20)
    api.pair_tracker("alice", "TRK-HDR-1", "Rex")
    photo = api.call("POST", f"/pets/{api.pet('Rex')}/photo", "alice")
    bundle = api.call("POST", "/trackers/TRK-HDR-1/bundles", "alice")
    return {"photo": (photo, "image/jpeg"), "bundle": (bundle, "application/x-ndjson")}


def test_an_upload_answer_names_the_headers_its_storage_holds_the_put_to(
    api: ApiDriver, binding: str, figures: Figures
) -> None:
    broken = []
    for name, (answer, content_type) in uploads(api).items():
        headers = answer.get("headers")
        named = isinstance(headers, dict) and set(headers) == REQUIRED[binding]
        named = named and headers.get("Content-Type") == content_type  # type: ignore[union-attr]
        figures.record("upload-headers", binding, held=named)
        if not named:
            broken.append(f"{name}: the answer names {headers!r}")
            continue
        url, data = str(answer["upload_url"]), json.dumps({"steps": 1}).encode()
        for header, status in REFUSED[binding].items():
            for value in (None, "text/plain") if header == "Content-Type" else (None,):
                sent = {k: v for k, v in headers.items() if k != header}
                if value is not None:
                    sent[header] = value
                refused = httpx.put(url, content=data, headers=sent).status_code == status
                figures.record("upload-headers", binding, held=refused)
                if not refused:
                    broken.append(f"{name}: a PUT with {header}: {value} was not refused")
        stored = httpx.put(url, content=data, headers=headers).status_code in (200, 201)
        figures.record("upload-headers", binding, held=stored)
        if not stored:
            broken.append(f"{name}: a PUT with the named headers was refused")
    assert broken == []
