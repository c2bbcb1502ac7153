"""Object storage in an S3 bucket, reached by callers through presigned URLs.

Give it a client that signs with SigV4 (`Config(signature_version="s3v4")`): an
upload link then also binds the content type (the uploader must send the same
`Content-Type`), and S3 refuses a link after `valid_for` (at most 7 days), for
another key or with another HTTP method. The bucket's "object created"
notification announces each upload (template.yaml), not this class.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

from adapters.chunk_reader import ChunkReader
from application.ports.blobs import BlobStore, UploadLink, checked_limit

ONE_PART_AT_A_TIME = TransferConfig(max_concurrency=1, use_threads=False)

_MISSING = ("NoSuchKey", "404", "NotFound")
# S3 answers a range of an empty object with 416 InvalidRange: the object is there, empty.
_EMPTY = ("InvalidRange", "416")


class S3BlobStore(BlobStore):
    def __init__(self, client: Any, bucket: str) -> None:
        self._client, self._bucket = client, bucket

    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> UploadLink:
        params = {"Bucket": self._bucket, "Key": key, "ContentType": content_type}
        url = self._presigned("put_object", params, valid_for, "PUT")
        return UploadLink(url, {"Content-Type": content_type})  # signed: S3 checks it

    def download_link(self, key: str, valid_for: timedelta) -> str:
        return self._presigned("get_object", {"Bucket": self._bucket, "Key": key}, valid_for, "GET")

    def read(self, key: str) -> bytes | None:
        try:
            answer = self._client.get_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if _code(error) in _MISSING:
                return None
            raise
        data: bytes = answer["Body"].read()
        return data

    def read_at_most(self, key: str, limit: int) -> bytes | None:
        """A ranged GET: S3 sends no more than the range, whatever the object's size.

        botocore hands back the bytes as stored: it never undoes a Content-Encoding.
        """
        ranged = f"bytes=0-{checked_limit(limit) - 1}"
        try:
            answer = self._client.get_object(Bucket=self._bucket, Key=key, Range=ranged)
        except ClientError as error:
            if _code(error) in _EMPTY:
                return b""
            if _code(error) in _MISSING:
                return None
            raise
        with contextlib.closing(answer["Body"]) as body:
            data: bytes = body.read(limit)
        return data

    def write_stream(self, key: str, chunks: Iterable[bytes], content_type: str) -> None:
        """boto3's managed upload, one part (8 MiB) at a time: a multipart upload past the first
        part, a PutObject below it; S3 shows the object when the upload completes."""
        self._client.upload_fileobj(
            ChunkReader(chunks),
            self._bucket,
            key,
            ExtraArgs={"ContentType": content_type},
            Config=ONE_PART_AT_A_TIME,
        )

    def exists(self, key: str) -> bool:
        try:
            self._client.head_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if _code(error) in _MISSING:
                return False
            raise
        return True

    def delete_under(self, prefix: str) -> int:
        """ListObjectsV2 of the prefix, page by page, and DeleteObjects of each page (1,000 keys
        at most, as a page holds)."""
        gone = 0
        pages = self._client.get_paginator("list_objects_v2").paginate(
            Bucket=self._bucket, Prefix=prefix
        )
        for page in pages:
            keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if keys:
                self._client.delete_objects(
                    Bucket=self._bucket, Delete={"Objects": keys, "Quiet": True}
                )
                gone += len(keys)
        return gone

    def is_store(self, name: str) -> bool:
        return name == self._bucket

    def delete(self, key: str) -> None:
        """DeleteObject: S3 answers 204 whether or not the key was there (no versioning)."""
        self._client.delete_object(Bucket=self._bucket, Key=key)

    def _presigned(
        self, operation: str, params: dict[str, str], valid_for: timedelta, method: str
    ) -> str:
        url: str = self._client.generate_presigned_url(
            operation,
            Params=params,
            ExpiresIn=max(1, int(valid_for.total_seconds())),
            HttpMethod=method,
        )
        return url


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
