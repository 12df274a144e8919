"""The curriculum admin: every page loads, skill cycles are refused, import/export run from it."""

import pytest
import yaml
from django.contrib import admin
from django.urls import reverse

from curriculum import models
from curriculum.content.paths_import import content_import

CURRICULUM_MODELS = [
    models.Path,
    models.Phase,
    models.Unit,
    models.Topic,
    models.Resource,
    models.PathResource,
    models.UnitReading,
    models.UnitExercise,
    models.Skill,
    models.Trap,
    models.Outcome,
    models.GlossaryTerm,
    models.CrossReference,
    models.CallToAction,
    models.Tag,
]

RESOURCES = {"resources": [{"slug": "dl-book", "kind": "book", "title": "Deep Learning"}]}
PATH = {
    "slug": "basics",
    "title": "Basics",
    "level": "beginner",
    "duration": "1 week",
    "duration_weeks": 1,
    "author": "Ada",
    "source": "tests",
    "version": 1,
    "is_published": True,
    "unit_label": "Week",
    "summary": "One week.",
    "tags": ["ml"],
    "outcomes": ["Fit a line"],
    "call_to_action": {"kind": "link", "title": "Join", "text": "Come."},
    "traps": [{"title": "Rushing", "why": "w", "correction": "c"}],
    "skills": [
        {"slug": "algebra", "title": "Algebra"},
        {"slug": "models", "title": "Models", "requires": ["algebra"]},
    ],
    "resources": [{"ref": "dl-book", "weeks": [1]}],
    "glossary": [{"term": "Loss", "definition": "What training lowers."}],
    "phases": [
        {
            "number": 1,
            "title": "Phase",
            "units": [
                {
                    "number": 1,
                    "title": "Vectors",
                    "topics": [{"number": "1.1", "title": "Dot"}],
                    "readings": [{"ref": "dl-book"}],
                    "exercises": [{"title": "Fit"}],
                }
            ],
        }
    ],
}


def write_content(root):
    (root / "paths" / "basics").mkdir(parents=True)
    (root / "resources.yaml").write_text(yaml.safe_dump(RESOURCES))
    (root / "paths" / "basics" / "path.yaml").write_text(yaml.safe_dump(PATH))
    return root


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-root-12345")


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def content(tmp_path, settings):
    settings.CONTENT_DIR = write_content(tmp_path / "content")
    return settings.CONTENT_DIR


@pytest.fixture
def imported(content):
    content_import(content_dir=content)
    models.CrossReference.objects.create(
        path=models.Path.objects.get(),
        target=models.Path.objects.create(
            slug="other",
            title="Other",
            level="beginner",
            duration="1 week",
            duration_weeks=1,
        ),
    )


def test_every_curriculum_model_is_registered():
    assert [m for m in CURRICULUM_MODELS if not admin.site.is_registered(m)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", CURRICULUM_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_load(staff_client, imported, model):
    info = f"admin:curriculum_{model._meta.model_name}"
    obj = model.objects.first()
    for url in (
        reverse(f"{info}_changelist"),
        reverse(f"{info}_add"),
        reverse(f"{info}_change", args=[obj.pk]),
    ):
        assert staff_client.get(url).status_code == 200, url
    assert staff_client.get(reverse(f"{info}_changelist"), {"q": "a"}).status_code == 200


@pytest.mark.django_db
def test_path_and_unit_pages_link_to_the_site(staff_client, imported):
    path = models.Path.objects.get(slug="basics")
    unit = models.Unit.objects.get()
    for model, obj in ((models.Path, path), (models.Unit, unit)):
        response = staff_client.get(
            reverse(f"admin:curriculum_{model._meta.model_name}_change", args=[obj.pk])
        )
        assert "View on site" in response.content.decode()


@pytest.mark.django_db
def test_the_path_changelist_filters_by_level_published_and_archived(staff_client, imported):
    url = reverse("admin:curriculum_path_changelist")
    response = staff_client.get(
        url, {"level": "beginner", "is_published__exact": "1", "is_archived__exact": "0"}
    )
    assert response.status_code == 200 and "Basics" in response.content.decode()


@pytest.mark.django_db
def test_saving_a_skill_that_closes_a_cycle_is_refused(staff_client, imported):
    algebra = models.Skill.objects.get(slug="algebra")
    models_skill = models.Skill.objects.get(slug="models")
    response = staff_client.post(
        reverse("admin:curriculum_skill_change", args=[algebra.pk]),
        {
            "path": algebra.path_id,
            "slug": "algebra",
            "title": "Algebra",
            "summary": "",
            "position": 0,
            "requires": [models_skill.pk],
        },
    )
    assert response.status_code == 200
    assert (
        "Skill prerequisites would form a cycle: algebra → models → algebra"
        in response.content.decode()
    )
    assert not algebra.requires.exists()


@pytest.mark.django_db
def test_a_skill_without_cycle_saves(staff_client, imported):
    models_skill = models.Skill.objects.get(slug="models")
    response = staff_client.post(
        reverse("admin:curriculum_skill_change", args=[models_skill.pk]),
        {
            "path": models_skill.path_id,
            "slug": "models",
            "title": "Modelling",
            "summary": "",
            "position": 1,
            "requires": [],
        },
    )
    assert response.status_code == 302
    models_skill.refresh_from_db()
    assert models_skill.title == "Modelling"


@pytest.mark.django_db
def test_the_changelist_offers_import_and_export(staff_client, content):
    page = staff_client.get(reverse("admin:curriculum_path_changelist")).content.decode()
    assert "Import content from files" in page and "Export to files" in page
    assert (
        reverse("admin:curriculum_path_import") in page
        and reverse("admin:curriculum_path_export") in page
    )


@pytest.mark.django_db
def test_the_admin_import_runs_the_service_and_reports_as_messages(staff_client, content):
    response = staff_client.post(reverse("admin:curriculum_path_import"), follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert any(t.startswith("basics: created 1 path") for t in texts)
    assert models.Path.objects.filter(slug="basics").exists()
    response = staff_client.post(reverse("admin:curriculum_path_import"), follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert texts[0].startswith("Import of ") and texts[0].endswith(": no changes.")
    assert texts[1:] == ["No changes."]


@pytest.mark.django_db
def test_the_admin_dry_run_writes_nothing(staff_client, content):
    response = staff_client.post(
        reverse("admin:curriculum_path_import"), {"dry_run": "1"}, follow=True
    )
    assert "Dry run: rolled back, nothing was written." in [
        str(m) for m in response.context["messages"]
    ]
    assert not models.Path.objects.exists()


@pytest.mark.django_db
def test_the_admin_import_shows_every_problem(staff_client, content):
    (content / "paths" / "basics" / "path.yaml").write_text(
        yaml.safe_dump({**PATH, "level": "guru"})
    )
    response = staff_client.post(reverse("admin:curriculum_path_import"), follow=True)
    texts = [(m.level_tag, str(m)) for m in response.context["messages"]][1:]
    assert texts[0] == ("error", "1 problem(s) found; nothing was written.")
    assert "[level]: 'guru' is not one of" in texts[1][1]
    assert not models.Path.objects.exists()


@pytest.mark.django_db
def test_the_admin_export_writes_the_files(staff_client, imported, content):
    (content / "resources.yaml").unlink()
    response = staff_client.post(reverse("admin:curriculum_path_export"), follow=True)
    assert any("Exported" in str(m) for m in response.context["messages"])
    assert (
        yaml.safe_load((content / "resources.yaml").read_text())["resources"][0]["slug"]
        == "dl-book"
    )


@pytest.mark.django_db
def test_import_and_export_refuse_get_and_strangers(client, staff_client, alice):
    assert staff_client.get(reverse("admin:curriculum_path_import")).status_code == 405
    client.force_login(alice)
    assert (
        client.post(reverse("admin:curriculum_path_import")).status_code == 302
    )  # to the admin login
