"""PushNotifier: what was sent reaches the phone, in send order (seen through the test accessor)."""

from __future__ import annotations

import pytest

from domain.announcements import Phone, Platform, PushMessage

from .harnesses.push import PushHarness

PIXEL = Phone("owner-1", "pixel", Platform.ANDROID, "token-a")
IPHONE = Phone("owner-1", "iphone", Platform.IOS, "token-b")
THEIRS = Phone("owner-2", "phone", Platform.IOS, "token-c")


def test_nothing_was_sent_before_anything_is(push: PushHarness) -> None:
    assert push.sent() == []


def test_each_phone_receives_what_was_sent_to_it_in_order(push: PushHarness) -> None:
    push.notifier.send(PIXEL, "Rex reached the daily goal of 8000 steps")
    push.notifier.send(THEIRS, "Tom reached the daily goal of 3000 steps")
    push.notifier.send(IPHONE, "Rex reached the daily goal of 8000 steps")
    push.notifier.send(PIXEL, "The tracker of Rex needs charging (9% left)")
    assert push.sent("owner-1") == [
        PushMessage(
            "owner-1", "pixel", Platform.ANDROID, "Rex reached the daily goal of 8000 steps"
        ),
        PushMessage("owner-1", "iphone", Platform.IOS, "Rex reached the daily goal of 8000 steps"),
        PushMessage(
            "owner-1", "pixel", Platform.ANDROID, "The tracker of Rex needs charging (9% left)"
        ),
    ]
    assert push.sent("owner-2") == [
        PushMessage("owner-2", "phone", Platform.IOS, "Tom reached the daily goal of 3000 steps")
    ]
    assert [m.owner_id for m in push.sent()] == ["owner-1", "owner-2", "owner-1", "owner-1"]


def test_the_same_text_sent_twice_arrives_twice(push: PushHarness) -> None:
    push.notifier.send(PIXEL, "hello")
    push.notifier.send(PIXEL, "hello")
    assert [m.text for m in push.sent("owner-1")] == ["hello", "hello"]


def test_forgetting_a_phone_deletes_what_the_service_keeps_of_it(push: PushHarness) -> None:
    if push.keeps_nothing:
        pytest.skip(push.keeps_nothing)
    push.notifier.send(PIXEL, "hello")
    push.notifier.send(THEIRS, "hi")
    assert push.kept(PIXEL) and push.kept(THEIRS)
    push.notifier.forget(PIXEL)
    push.notifier.forget(PIXEL)  # again: nothing happens
    push.notifier.forget(IPHONE)  # never sent to: nothing happens
    assert push.kept(PIXEL) == []
    assert push.kept(THEIRS), "another owner's phone was forgotten too"


def test_a_forgotten_phone_is_reached_when_sent_to_again(push: PushHarness) -> None:
    push.notifier.send(PIXEL, "before")
    push.notifier.forget(PIXEL)
    push.notifier.send(PIXEL, "after")
    assert [m.text for m in push.sent("owner-1")][-1] == "after"


def test_a_phone_reached_is_said_so(push: PushHarness) -> None:
    assert push.notifier.send(PIXEL, "hello") is True
