from __future__ import annotations

from collections.abc import Mapping

import attrs

from application.ports.blobs import BlobLinks


@attrs.frozen
class UploadThroughLinkCommand:
    key: str
    link: Mapping[str, str]  # the link's query: what it allows, until when, its signature
    data: bytes
    content_type: str  # the request's Content-Type: an upload link is signed for one


@attrs.frozen
class DownloadThroughLinkQuery:
    key: str
    link: Mapping[str, str]


class UploadThroughLink:
    """Bytes PUT to an upload link that Pawtrack handed out (served locally; in the clouds the
    storage service takes them itself). A refused link: AccessDenied."""

    def __init__(self, links: BlobLinks) -> None:
        self._links = links

    def __call__(self, command: UploadThroughLinkCommand) -> None:
        self._links.put(command.key, command.link, command.data, command.content_type)


class DownloadThroughLink:
    """The object behind a download link Pawtrack handed out, or None when there is none."""

    def __init__(self, links: BlobLinks) -> None:
        self._links = links

    def __call__(self, query: DownloadThroughLinkQuery) -> bytes | None:
        return self._links.get(query.key, query.link)
