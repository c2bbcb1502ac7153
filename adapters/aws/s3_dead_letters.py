"""Dead letters as objects under `dead-letters/` of the bucket. On AWS the readings queue's own
dead-letter queue keeps what fails; this store is for what has none."""

from __future__ import annotations

from typing import Any

from adapters.dead_letter_codec import letter_json, letter_name, letter_of
from application.ports.dead_letters import DeadLetter, DeadLetters

PREFIX = "dead-letters/"


class S3DeadLetters(DeadLetters):
    def __init__(self, client: Any, bucket: str) -> None:
        self._client, self._bucket = client, bucket

    def keep(self, letter: DeadLetter) -> str:
        name = letter_name(letter)
        self._client.put_object(
            Bucket=self._bucket, Key=PREFIX + name, Body=letter_json(letter),
            ContentType="application/json",
        )  # fmt: skip
        return name

    def kept(self) -> list[DeadLetter]:
        pages = self._client.get_paginator("list_objects_v2").paginate(
            Bucket=self._bucket, Prefix=PREFIX
        )
        keys = sorted(item["Key"] for page in pages for item in page.get("Contents", []))
        return [
            letter_of(self._client.get_object(Bucket=self._bucket, Key=key)["Body"].read())
            for key in keys
        ]
