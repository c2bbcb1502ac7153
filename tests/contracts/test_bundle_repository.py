"""BundleRepository: a bundle and its delivery report, replaced by id."""

from __future__ import annotations

from application.ports.bundles import BundleRepository
from domain.bundles import Bundle, BundleStatus
from domain.readings import DeliveryReport, Rejection


def test_a_waiting_bundle_comes_back_whole(bundles: BundleRepository) -> None:
    bundle = Bundle.start("T-1", "owner-1")
    bundles.save(bundle)
    assert bundles.get(bundle.id) == bundle
    assert bundles.get("no-such-bundle") is None


def test_saving_a_processed_bundle_replaces_it_with_its_report(bundles: BundleRepository) -> None:
    bundle = Bundle.start("T-1", "owner-1")
    bundles.save(bundle)
    report = DeliveryReport(
        accepted=7,
        duplicates=2,
        quarantined=1,
        rejected=(Rejection(3, "steps", "steps must be whole"), Rejection(9, "line", "not JSON")),
    )
    bundles.save(bundle.processed(report))
    stored = bundles.get(bundle.id)
    assert stored == bundle.processed(report)
    assert stored is not None and stored.status is BundleStatus.PROCESSED


def test_an_owners_bundles_are_listed_by_id_and_removed_one_by_one(
    bundles: BundleRepository,
) -> None:
    first, second, theirs = (
        Bundle.start("T-1", "owner-1"),
        Bundle.start("T-2", "owner-1"),
        Bundle.start("T-3", "owner-2"),
    )
    for bundle in (first, second, theirs):
        bundles.save(bundle)
    bundles.save(first.processed(DeliveryReport(accepted=1)))
    assert bundles.of_owner("owner-1") == sorted(
        [first.processed(DeliveryReport(accepted=1)), second], key=lambda b: b.id
    )
    bundles.remove(first.id)
    bundles.remove(first.id)  # again: nothing happens
    assert bundles.get(first.id) is None
    assert bundles.of_owner("owner-1") == [second]
    assert bundles.of_owner("owner-2") == [theirs]
    assert bundles.of_owner("owner-3") == []
