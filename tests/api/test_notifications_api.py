"""Notifications: listed newest first, unread filter, marked read one at a time or all."""

from django.urls import reverse

from notifications.services import notification_send


def test_listing_and_marking_read(alice, charlie, alice_api):
    first = notification_send(user=alice, kind="other", text="First")
    notification_send(user=alice, kind="other", text="Second")
    notification_send(user=charlie, kind="other", text="Not yours")
    listed = alice_api.get(reverse("api:notifications")).json()
    assert [n["text"] for n in listed["results"]] == ["Second", "First"]
    one = alice_api.post(reverse("api:notifications-read"), {"id": first.pk}, format="json")
    assert one.json() == {"marked": 1, "unread": 1}
    unread = alice_api.get(reverse("api:notifications"), {"unread": "true"}).json()
    assert [n["text"] for n in unread["results"]] == ["Second"]
    assert alice_api.post(reverse("api:notifications-read"), {}, format="json").json() == {
        "marked": 1,
        "unread": 0,
    }
    assert charlie.notifications.filter(read_at__isnull=True).count() == 1
