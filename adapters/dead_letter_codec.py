"""A dead letter as every store keeps it: one JSON document, the payloads in base64 (they are the
messages as they came, which need not be text). Its name sorts as the letters were kept."""

from __future__ import annotations

import base64
import json
import uuid

from application.ports.dead_letters import DeadLetter
from domain.clockwork import format_instant, instant_key, parse_instant


def letter_name(letter: DeadLetter) -> str:
    return f"{instant_key(letter.kept_at)}-{uuid.uuid4().hex[:12]}.json"


def letter_json(letter: DeadLetter) -> bytes:
    document = {
        "source": letter.source,
        "reason": letter.reason,
        "kept_at": format_instant(letter.kept_at),
        "payloads": [base64.b64encode(payload).decode("ascii") for payload in letter.payloads],
    }
    return json.dumps(document, indent=1).encode()


def letter_of(data: bytes) -> DeadLetter:
    document = json.loads(data)
    return DeadLetter(
        document["source"],
        document["reason"],
        parse_instant(document["kept_at"]),
        tuple(base64.b64decode(payload) for payload in document["payloads"]),
    )
