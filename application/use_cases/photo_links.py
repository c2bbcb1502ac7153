from __future__ import annotations

from datetime import timedelta

import attrs

from application.authorization import PetAccess
from application.ports.blobs import BlobStore, UploadLink
from domain.access import Caller
from domain.errors import NotFound

LINK_LIFETIME = timedelta(minutes=15)
PHOTO_TYPE = "image/jpeg"


def photo_key(pet_id: str) -> str:
    return f"photos/{pet_id}.jpg"


@attrs.frozen
class PhotoLinkQuery:
    caller: Caller
    pet_id: str


class RequestPhotoUpload:
    """A short-lived link to which the pet's owner PUTs the photo."""

    def __init__(self, blobs: BlobStore, access: PetAccess) -> None:
        self._blobs, self._access = blobs, access

    def __call__(self, query: PhotoLinkQuery) -> UploadLink:
        pet = self._access.owned(query.caller, query.pet_id)
        return self._blobs.upload_link(photo_key(pet.id), PHOTO_TYPE, LINK_LIFETIME)


class RequestPhotoDownload:
    """A short-lived link to the pet's photo, for its owner only."""

    def __init__(self, blobs: BlobStore, access: PetAccess) -> None:
        self._blobs, self._access = blobs, access

    def __call__(self, query: PhotoLinkQuery) -> str:
        pet = self._access.owned(query.caller, query.pet_id)
        if not self._blobs.exists(photo_key(pet.id)):
            raise NotFound(f"pet {pet.id!r} has no photo")
        return self._blobs.download_link(photo_key(pet.id), LINK_LIFETIME)
