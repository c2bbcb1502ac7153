"""ErasedAccounts: an account marked erased stays erased, and no other account is."""

from __future__ import annotations

from application.ports.identity import ErasedAccounts


def test_no_account_is_erased_before_one_is_marked(erased: ErasedAccounts) -> None:
    assert erased.is_erased("owner-1") is False


def test_a_marked_account_is_erased_and_no_other(erased: ErasedAccounts) -> None:
    erased.mark("owner-1")
    erased.mark("owner-1")  # again: nothing changes
    assert erased.is_erased("owner-1") is True
    for other in ("owner-2", "owner-", "OWNER-1", ""):
        assert erased.is_erased(other) is False


def test_finishing_an_erasure_keeps_the_account_erased(erased: ErasedAccounts) -> None:
    erased.mark("owner-1")
    erased.finished("owner-1")
    erased.finished("owner-1")  # again: nothing changes
    assert erased.is_erased("owner-1") is True
    assert erased.is_erased("owner-2") is False
