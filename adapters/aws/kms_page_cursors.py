"""Page cursors sealed by KMS: GenerateMac and VerifyMac with an HMAC_256 key of the stack
(template.yaml), so no function holds a key and none is in any setting. A page with a next
page costs one GenerateMac, a request with a cursor one VerifyMac ($0.03 per 10,000)."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from adapters.hmac_page_cursors import joined, split
from application.ports.pages import PageCursors

ALGORITHM = "HMAC_SHA_256"


class KmsPageCursors(PageCursors):
    def __init__(self, client: Any, key_id: str) -> None:
        self._client, self._key_id = client, key_id

    def seal(self, text: str) -> str:
        answer = self._client.generate_mac(
            KeyId=self._key_id, Message=text.encode(), MacAlgorithm=ALGORITHM
        )
        return joined(text, bytes(answer["Mac"]))

    def open(self, token: str) -> str | None:
        parts = split(token)
        if parts is None or not parts[0] or not parts[1]:
            return None
        try:
            self._client.verify_mac(
                KeyId=self._key_id, Message=parts[0], Mac=parts[1], MacAlgorithm=ALGORITHM
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in (
                "KMSInvalidMacException",
                "ValidationException",
            ):
                return None
            raise
        try:
            return parts[0].decode()
        except UnicodeDecodeError:
            return None
