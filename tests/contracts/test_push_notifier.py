"""PushNotifier: what was sent reaches the phone, in send order (seen through the test accessor)."""

from __future__ import annotations

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
