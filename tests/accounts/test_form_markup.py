"""The shared form include: help text a screen reader reaches, checkboxes beside their label."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def described(page: str) -> dict[str, str]:
    """name of each described control → the id its aria-describedby names."""
    found = {}
    for tag in re.findall(r"<(?:input|select|textarea|fieldset)\b[^>]*>", page):
        if ref := re.search(r'aria-describedby="([^"]+)"', tag):
            name = re.search(r'name="([^"]+)"', tag)
            found[name.group(1) if name else tag] = ref.group(1)
    return found


def element_with_id(page: str, ref: str) -> str | None:
    match = re.search(rf'<(\w+)[^>]*\bid="{re.escape(ref)}"[^>]*>(.*?)</\1>', page, re.S)
    return match.group(0) if match else None


@pytest.mark.parametrize("url_name", ["accounts:signup"])
def test_every_aria_describedby_points_at_an_element_on_the_page(client, url_name):
    page = client.get(reverse(url_name)).content.decode()
    refs = described(page)
    assert refs, "the form has help text: its fields must be described"
    for name, ref in refs.items():
        assert element_with_id(page, ref), f"{name} → #{ref} is not on the page"


def test_the_profile_help_texts_are_announced_with_their_fields(client, alice):
    client.force_login(alice)
    page = client.get(reverse("accounts:profile")).content.decode()
    refs = described(page)
    assert {"display_name", "time_zone", "weekly_hours_goal"} <= set(refs)
    for name, ref in refs.items():
        target = element_with_id(page, ref)
        assert target and 'class="help"' in target, f"{name} → #{ref}"


def test_the_email_checkbox_sits_beside_its_label(client, alice):
    client.force_login(alice)
    page = client.get(reverse("accounts:profile")).content.decode()
    field = re.search(r'<div class="field field-check">(.*?)</div>', page, re.S)
    assert field, "the checkbox has no field-check row"
    assert re.match(
        r'\s*<input type="checkbox" name="email_notifications"[^>]*id="id_email_notifications"[^>]*>'
        r'\s*<label for="id_email_notifications">Email me notifications too</label>',
        field.group(1),
    ), field.group(1)
