"""Paths (filters, search, pages), a path's phases and units, a unit, exercises, the starter zip."""

import io
import zipfile

from django.urls import reverse
from rest_framework.test import APIClient

from curriculum.models import Path
from curriculum.search import search_vectors_refresh
from tests.factories import make_path


def test_paths_filter_search_and_paginate(db, matmul):
    make_path(matmul, slug="two-weeks")
    long = make_path(slug="long-haul", units=1)
    Path.objects.filter(pk=long.pk).update(title="Long haul", duration_weeks=40, level="expert")
    search_vectors_refresh()  # as an import does (PostgreSQL keeps stored search documents)
    client = APIClient()
    everything = client.get(reverse("api:paths")).json()
    assert everything["count"] == 2 and {p["slug"] for p in everything["results"]} == {
        "two-weeks",
        "long-haul",
    }
    experts = client.get(reverse("api:paths"), {"level": "expert"}).json()["results"]
    assert [p["slug"] for p in experts] == ["long-haul"]
    short = client.get(reverse("api:paths"), {"duration": "short"}).json()["results"]
    assert [p["slug"] for p in short] == ["two-weeks"]
    found = client.get(reverse("api:paths"), {"q": "haul"}).json()["results"]
    assert [p["slug"] for p in found] == ["long-haul"]
    page = client.get(reverse("api:paths"), {"page_size": 1, "page": 2}).json()
    assert len(page["results"]) == 1 and page["previous"] and page["next"] is None


def test_an_unknown_filter_value_is_refused_not_ignored(db):
    response = APIClient().get(reverse("api:paths"), {"level": "wizard"})
    assert response.status_code == 422 and "level" in response.json()["errors"]


def test_a_path_has_its_phases_units_and_exercise_items(db, matmul):
    make_path(matmul)
    body = APIClient().get(reverse("api:path", args=["two-weeks"])).json()
    (phase,) = body["phases"]
    assert [u["number"] for u in phase["units"]] == [1, 2]
    items = phase["units"][0]["exercises"]
    assert [(i["kind"], i["exercise"]) for i in items] == [
        ("exercise", "matmul-from-scratch"),
        ("exercise", None),
        ("project", None),
    ]
    assert phase["units"][0]["api_url"] == reverse("api:unit", args=["two-weeks", 1])


def test_a_unit_lists_topics_readings_and_items_with_their_ids(db, matmul):
    make_path(matmul)
    body = APIClient().get(reverse("api:unit", args=["two-weeks", 1])).json()
    assert [t["number"] for t in body["topics"]] == ["1.1", "1.2"]
    assert body["readings"][0]["title"] == "Book 1"
    assert all(isinstance(item["id"], int) for item in body["exercises"])
    assert APIClient().get(reverse("api:unit", args=["two-weeks", 9])).status_code == 404


def test_an_exercise_has_statement_budgets_checks_and_starter_files(db, matmul):
    body = APIClient().get(reverse("api:exercise", args=[matmul.slug])).json()
    assert body["entrypoint"] == "solution.py"
    assert "def matmul" in body["starter_files"]["solution.py"]
    assert body["budgets"] == {"wall_seconds": 20, "memory_mb": 256}
    assert [c["id"] for c in body["checks"]][:2] == [
        "correct_on_random_shapes",
        "shape_mismatch_raises",
    ]
    assert body["submission_limits"]["max_upload_bytes"] == 2 * 1024 * 1024
    listed = APIClient().get(reverse("api:exercises"), {"difficulty": "beginner"}).json()
    assert matmul.slug in [e["slug"] for e in listed["results"]]


def test_the_starter_files_come_as_a_zip_with_the_statement(db, matmul):
    response = APIClient().get(reverse("api:exercise-starter", args=[matmul.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == set(matmul.starter_files) | {"README.md"}
    assert archive.read("solution.py").decode() == matmul.starter_files["solution.py"]
    assert matmul.title in archive.read("README.md").decode()
    as_json = APIClient().get(
        reverse("api:exercise-starter", args=[matmul.slug]), HTTP_ACCEPT="application/json"
    )
    assert as_json.status_code == 200 and as_json.content == response.content
    missing = APIClient().get(reverse("api:exercise-starter", args=["nope"]))
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
