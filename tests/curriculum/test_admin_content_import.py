"""The admin's content import: reachable from the admin index and every curriculum list, and
each run recorded and shown (what ran, on which folder, when, rows per kind)."""

import re

import pytest
from django.urls import reverse

from curriculum import models
from tests.curriculum.test_admin_curriculum import (  # noqa: F401 (fixtures)
    CURRICULUM_MODELS,
    content,
    staff_client,
    superuser,
)

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:curriculum_path_import")


def test_the_admin_index_lists_the_content_imports(staff_client):  # noqa: F811
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:curriculum_contentimportrun_changelist") in page
    assert "Content imports" in page


@pytest.mark.parametrize("model", [*CURRICULUM_MODELS, models.Exercise, models.ContentImportRun])
def test_every_curriculum_list_offers_check_and_import(staff_client, model):  # noqa: F811
    url = reverse(f"admin:curriculum_{model._meta.model_name}_changelist")
    page = staff_client.get(url).content.decode()
    assert f'action="{IMPORT}"' in page and "Import content from files" in page
    assert "Check content files" in page


def test_the_curriculum_app_index_offers_the_import(staff_client):  # noqa: F811
    page = staff_client.get(reverse("admin:app_list", args=["curriculum"])).content.decode()
    assert f'action="{IMPORT}"' in page


def test_a_run_reports_the_folder_the_time_and_counts_per_kind(staff_client, content):  # noqa: F811
    response = staff_client.post(IMPORT, follow=True)
    run = models.ContentImportRun.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "admin:curriculum_contentimportrun_change", args=[run.pk]
    )
    html = response.content.decode()
    assert str(content) in html and 'data-testid="import-run"' in html
    assert run.started_at.strftime("%H:%M") in html
    counts = {row["kind"]: row for row in run.counts}
    assert counts["path"]["created"] == 1 and counts["path"]["unchanged"] == 0
    assert re.search(r'<th scope="row">unit</th><td class="num changed">\d+</td>', html)

    # The same folder again: nothing changes, and the page says so with what stayed.
    html = staff_client.post(IMPORT, follow=True).content.decode()
    second = models.ContentImportRun.objects.first()
    assert second.pk != run.pk and second.outcome == "no changes"
    counts = {row["kind"]: row for row in second.counts}
    assert counts["path"] == {
        "kind": "path",
        "created": 0,
        "updated": 0,
        "restored": 0,
        "archived": 0,
        "deleted": 0,
        "unchanged": 1,
    }
    assert "Import: no changes" in html


def test_a_check_says_nothing_was_written(staff_client, content):  # noqa: F811
    html = staff_client.post(IMPORT, {"dry_run": "1"}, follow=True).content.decode()
    run = models.ContentImportRun.objects.get()
    assert run.dry_run and "would change" in run.outcome
    assert "Nothing was written" in html
    assert not models.Path.objects.exists()
    assert {row["kind"]: row for row in run.counts}["path"]["created"] == 1


def test_runs_cannot_be_added_or_edited(staff_client, content):  # noqa: F811
    staff_client.post(IMPORT)
    run = models.ContentImportRun.objects.get()
    assert staff_client.get(reverse("admin:curriculum_contentimportrun_add")).status_code == 403
    page = staff_client.get(
        reverse("admin:curriculum_contentimportrun_change", args=[run.pk])
    ).content.decode()
    assert 'name="_save"' not in page
