"""Every model an app registers in the Django admin opens for an admin: list, add where allowed."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_the_changelist_opens_for_an_admin(client, admin_user, app_label, model_name):
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert response.status_code == 200


def test_every_domain_app_registers_its_models():
    apps = {app_label for app_label, _ in REGISTERED}
    assert {
        "accounts",
        "curriculum",
        "submissions",
        "learning",
        "mentoring",
        "notifications",
        "worker",
    } <= apps
