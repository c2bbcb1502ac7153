"""Dead letters as blobs of their own container (main.bicep's `poison`): the IoT Hub function
keeps a batch there when it could not record it after its retries, since Event Hubs has no
dead-letter queue and the host moves on to the next batch."""

from __future__ import annotations

from azure.storage.blob import ContainerClient, ContentSettings

from adapters.dead_letter_codec import letter_json, letter_name, letter_of
from application.ports.dead_letters import DeadLetter, DeadLetters


class BlobStorageDeadLetters(DeadLetters):
    def __init__(self, container: ContainerClient) -> None:
        self._container = container

    def keep(self, letter: DeadLetter) -> str:
        name = letter_name(letter)
        self._container.upload_blob(
            name,
            letter_json(letter),
            overwrite=False,
            content_settings=ContentSettings(content_type="application/json"),
        )
        return name

    def kept(self) -> list[DeadLetter]:
        names = sorted(blob.name for blob in self._container.list_blobs())
        return [letter_of(self._container.download_blob(name).readall()) for name in names]
