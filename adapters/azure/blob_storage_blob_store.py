"""Object storage in a Blob Storage container, reached by callers through SAS links.

An upload link is a blob SAS that allows create and write only, a download link one
that allows read only, both until `valid_for` from the clock's now (no start time, so
a caller whose clock runs a little behind is not refused). Storage refuses a link
after its expiry, for another blob, for an operation it does not allow, or whose
signature does not match. A SAS cannot bind the content type of an upload (S3's
presigned PUT can): the upload link names the `Content-Type` to send and `x-ms-blob-type:
BlockBlob`, which every Put Blob request must carry (400 without).

Who signs is injected: `signed_with_account_key` (Azurite, or an account that allows
shared keys) or `signed_with_user_delegation` (production on a managed identity: a
user delegation key from Entra ID, no account key anywhere). The Event Grid system
topic of the account announces each upload (BlobCreated), not this class.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.storage.blob import (
    BlobSasPermissions,
    BlobServiceClient,
    ContainerClient,
    ContentSettings,
    UserDelegationKey,
    generate_blob_sas,
)

from adapters.chunk_reader import ChunkReader
from application.ports.blobs import BlobStore, UploadLink, checked_limit
from application.ports.clock import Clock

# blob name, permissions, expiry -> the SAS query string (without "?")
SasSigner = Callable[[str, BlobSasPermissions, datetime], str]

_RANGE_NOT_SATISFIABLE = 416

UPLOAD = BlobSasPermissions(create=True, write=True)
DOWNLOAD = BlobSasPermissions(read=True)


class BlobStorageBlobStore(BlobStore):
    def __init__(self, container: ContainerClient, sign: SasSigner, clock: Clock) -> None:
        self._container, self._sign, self._clock = container, sign, clock

    def is_store(self, name: str) -> bool:
        return name == f"{self._container.account_name}/{self._container.container_name}"

    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> UploadLink:
        headers = {"Content-Type": content_type, "x-ms-blob-type": "BlockBlob"}
        return UploadLink(self._link(key, UPLOAD, valid_for), headers)

    def download_link(self, key: str, valid_for: timedelta) -> str:
        return self._link(key, DOWNLOAD, valid_for)

    def read(self, key: str) -> bytes | None:
        try:
            return self._container.download_blob(key, decompress=False).readall()
        except ResourceNotFoundError:
            return None

    def read_at_most(self, key: str, limit: int) -> bytes | None:
        """A ranged download. `decompress=False`: the SDK would otherwise undo a gzip
        Content-Encoding the uploader declared, and a small range could become any size."""
        try:
            downloader = self._container.download_blob(
                key, offset=0, length=checked_limit(limit), decompress=False
            )
            data: bytes = downloader.readall()
        except ResourceNotFoundError:
            return None
        except HttpResponseError as error:
            if error.status_code == _RANGE_NOT_SATISFIABLE:  # what a range of an empty blob gets
                return b""
            raise
        return data

    def write_stream(self, key: str, chunks: Iterable[bytes], content_type: str) -> None:
        """Blocks of up to 4 MiB as the chunks come (the SDK stages them, then commits the block
        list): the blob shows when the list is committed."""
        self._container.upload_blob(
            key,
            ChunkReader(chunks),
            overwrite=True,
            content_settings=ContentSettings(content_type=content_type),
        )

    def delete_under(self, prefix: str) -> int:
        names = [blob.name for blob in self._container.list_blobs(name_starts_with=prefix)]
        for name in names:
            self.delete(name)
        return len(names)

    def exists(self, key: str) -> bool:
        return bool(self._container.get_blob_client(key).exists())

    def delete(self, key: str) -> None:
        """Delete Blob, its snapshots with it (the account keeps no soft-deleted blobs)."""
        with contextlib.suppress(ResourceNotFoundError):
            self._container.delete_blob(key, delete_snapshots="include")

    def _link(self, key: str, permission: BlobSasPermissions, valid_for: timedelta) -> str:
        sas = self._sign(key, permission, self._clock.now() + valid_for)
        return f"{self._container.get_blob_client(key).url}?{sas}"


def signed_with_account_key(container: ContainerClient, account_key: str) -> SasSigner:
    """Service SASs signed with the storage account's key."""

    def sign(key: str, permission: BlobSasPermissions, expiry: datetime) -> str:
        return generate_blob_sas(
            container.account_name or "",
            container.container_name,
            key,
            account_key=account_key,
            permission=permission,
            expiry=expiry,
        )

    return sign


# Entra ID grants a user delegation key for at most 7 days; one is asked for a day at a
# time, and again when a link would outlive it.
DELEGATION_KEY_LIFETIME = timedelta(days=1)


def signed_with_user_delegation(
    service: BlobServiceClient, container_name: str, clock: Clock
) -> SasSigner:
    """User delegation SASs, signed with a key the service's Entra ID identity asks for.

    The identity needs "Storage Blob Delegator" on the account and data roles on the
    container; a link cannot outlive the key (at most 7 days).
    """
    held: list[UserDelegationKey] = []

    def delegation_key(expiry: datetime) -> UserDelegationKey:
        if not held or datetime.fromisoformat(str(held[0].signed_expiry)) < expiry:
            now = clock.now()
            lifetime = max(DELEGATION_KEY_LIFETIME, expiry - now)
            held[:] = [service.get_user_delegation_key(now, now + lifetime)]
        return held[0]

    def sign(key: str, permission: BlobSasPermissions, expiry: datetime) -> str:
        return generate_blob_sas(
            service.account_name or "",
            container_name,
            key,
            user_delegation_key=delegation_key(expiry),
            permission=permission,
            expiry=expiry,
        )

    return sign
