"""A small composition of the in-memory adapters, so that unit tests need no container."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest

from adapters.local.inprocess_event_publisher import InProcessEventPublisher
from adapters.local.inprocess_job_queue import InProcessJobQueue
from adapters.local.inprocess_live_connections import InProcessLiveConnections
from adapters.local.memory_activity_ledger import InMemoryActivityLedger
from adapters.local.memory_announcement_log import InMemoryAnnouncementLog
from adapters.local.memory_app_registry import InMemoryAppRegistry
from adapters.local.memory_authorizations import InMemoryAuthorizations
from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.local.memory_bundles import InMemoryBundleRepository
from adapters.local.memory_grants import InMemoryGrantRepository
from adapters.local.memory_live_updates import InMemoryLiveUpdates
from adapters.local.memory_owners import InMemoryOwnerRepository
from adapters.local.memory_pets import InMemoryPetRepository
from adapters.local.memory_phone_registry import InMemoryPhoneRegistry
from adapters.local.memory_push_notifier import InMemoryPushNotifier
from adapters.local.memory_quarantine_store import InMemoryQuarantineStore
from adapters.local.memory_subscriptions import InMemorySubscriptions
from adapters.local.memory_trackers import InMemoryTrackerRepository
from adapters.local.prometheus_telemetry import PrometheusTelemetry
from adapters.local.settable_clock import SettableClock
from application.announcing import Announcer
from application.authorization import PetAccess
from application.intake import ReadingIntake
from application.pet_changes import RecountedChange
from application.ports.live import LiveClient
from application.ports.messaging import DomainEvent, EventPublisher, ProcessBundle
from application.use_cases.announce import Announce
from application.use_cases.get_daily_activity import GetDailyActivity, GetDailyActivityQuery
from application.use_cases.pair_tracker import PairTracker, PairTrackerCommand
from application.use_cases.process_bundle import ProcessBundleJob
from application.use_cases.record_readings import RecordReadings, RecordReadingsCommand
from application.use_cases.register_pet import RegisterPet, RegisterPetCommand
from application.use_cases.register_phone import RegisterPhone, RegisterPhoneCommand
from application.use_cases.start_bundle_upload import StartBundleUpload, StartBundleUploadCommand
from domain.access import Caller
from domain.bundles import Bundle
from domain.pets import Pet
from domain.readings import DeliveryReport

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
ALICE = Caller("alice")
BOB = Caller("bob")
OPS = Caller("ops", is_admin=True)


class FlakyPublisher(EventPublisher):
    """Hands events on to the bus, except that the next `failures` events of `kind` are lost."""

    def __init__(self, inner: EventPublisher) -> None:
        self._inner = inner
        self.kind: type | tuple[type, ...] = ()
        self.failures = 0

    def publish(self, event: DomainEvent) -> None:
        if self.failures and isinstance(event, self.kind):
            self.failures -= 1
            raise ConnectionError("the event bus is unreachable")
        self._inner.publish(event)


class Core:
    """The in-memory adapters, the intake and the use cases the unit tests drive."""

    def __init__(self) -> None:
        self.clock = SettableClock(NOW)
        self.pets, self.trackers = InMemoryPetRepository(), InMemoryTrackerRepository()
        self.owners, self.ledger = InMemoryOwnerRepository(), InMemoryActivityLedger()
        self.quarantine, self.phones = InMemoryQuarantineStore(), InMemoryPhoneRegistry()
        self.apps, self.grants = InMemoryAppRegistry(), InMemoryGrantRepository()
        self.bundles, self.blobs = InMemoryBundleRepository(), InMemoryBlobStore(self.clock)
        self.push, self.live = InMemoryPushNotifier(), InMemoryLiveUpdates()
        self.log = InMemoryAnnouncementLog()
        self.telemetry_stream = io.StringIO()
        self.telemetry = PrometheusTelemetry(self.telemetry_stream)
        announce = Announce(self.phones, self.push, self.live, self.telemetry)
        self.events = FlakyPublisher(InProcessEventPublisher(lambda: announce))
        self.connections = InProcessLiveConnections()
        self.subscriptions, self.authorizations = InMemorySubscriptions(), InMemoryAuthorizations()
        self.jobs_run: list[object] = []  # what the use cases queued (webhook messages)
        self.jobs = InProcessJobQueue(lambda: self.jobs_run.append)
        announcer = Announcer(
            self.log, self.events, self.live, self.connections, self.telemetry,
            self.subscriptions, self.jobs, self.clock,
        )  # fmt: skip
        self.intake = ReadingIntake(
            self.trackers, self.pets, self.owners, self.ledger,
            self.quarantine, announcer, self.clock,
        )  # fmt: skip
        self.access = PetAccess(self.pets, self.grants)
        self.recounted_change = RecountedChange(
            self.pets, self.trackers, self.owners, self.access, self.clock
        )

    def register_pet(self, owner: Caller, name: str, species: str = "dog", kg: float = 20) -> Pet:
        return RegisterPet(self.pets, self.owners, self.clock)(
            RegisterPetCommand(owner, name, species, kg)
        )

    def pair(self, owner: Caller, pet: Pet, serial: str = "TRK-001") -> None:
        pairing = PairTracker(self.trackers, self.owners, self.access, self.clock)
        pairing(PairTrackerCommand(owner, pet.id, serial))

    def listen(self, owner: Caller) -> None:
        """The owner's app opens a live connection (its updates land in self.live)."""
        self.connections.attach(owner.user_id, LiveClient(f"app-of-{owner.user_id}"))

    def register_phone(self, owner: Caller, name: str, platform: str = "ios") -> None:
        RegisterPhone(self.phones)(RegisterPhoneCommand(owner, name, platform, f"token-{name}"))

    def report(self, serial: str, *readings: dict[str, object]) -> DeliveryReport:
        record = RecordReadings(self.intake, self.clock, self.telemetry)
        return record(RecordReadingsCommand(serial, readings))

    def steps(self, caller: Caller, pet: Pet, day: date) -> int:
        query = GetDailyActivityQuery(caller, pet.id, day)
        return GetDailyActivity(self.ledger, self.access)(query).steps

    def upload_bundle(self, owner: Caller, serial: str, lines: list[str]) -> Bundle:
        start = StartBundleUpload(self.bundles, self.trackers, self.blobs)
        upload = start(StartBundleUploadCommand(owner, serial))
        self.blobs.put(upload.upload_link, "\n".join(lines).encode())
        return upload.bundle

    def process_bundle(self, bundle: Bundle) -> Bundle:
        job = ProcessBundleJob(self.bundles, self.blobs, self.intake, self.clock, self.telemetry)
        return job(ProcessBundle(bundle.id))

    def lines(self) -> list[dict[str, object]]:
        """The telemetry lines written so far, parsed."""
        return [json.loads(text) for text in self.telemetry_stream.getvalue().splitlines()]

    def texts(self, phone: str) -> list[str]:
        return [message.text for message in self.push.sent() if message.phone == phone]


def reading(time: str, steps: object = 10, **fields: object) -> dict[str, object]:
    """A reading as a tracker sends it."""
    return {"time": time, "steps": steps, **fields}


@pytest.fixture
def core() -> Core:
    return Core()


@pytest.fixture
def rex(core: Core) -> Pet:
    """Alice's dog Rex, 20 kg, wearing tracker TRK-001."""
    pet = core.register_pet(ALICE, "Rex")
    core.pair(ALICE, pet)
    return pet
