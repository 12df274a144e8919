"""The OpenAPI schema: valid without a warning, one operation per action, errors documented,
and its docs page served from our own static files."""

import re

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from api.problems import PROBLEM


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        from drf_spectacular.generators import SchemaGenerator

        return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_validates_without_a_warning(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert yaml.safe_load(out.read_text())["openapi"].startswith("3.")


# Every action the issue lists, as (method, path) of the schema.
ACTIONS = {
    ("get", "/api/v1/paths/"),
    ("get", "/api/v1/paths/{slug}/"),
    ("get", "/api/v1/paths/{slug}/units/{number}/"),
    ("put", "/api/v1/paths/{slug}/enrollment/"),
    ("delete", "/api/v1/paths/{slug}/enrollment/"),
    ("get", "/api/v1/enrollments/"),
    ("get", "/api/v1/paths/{slug}/progress/"),
    ("post", "/api/v1/progress/ticks/"),
    ("get", "/api/v1/exercises/"),
    ("get", "/api/v1/exercises/{slug}/"),
    ("get", "/api/v1/exercises/{slug}/starter.zip"),
    ("get", "/api/v1/exercises/{slug}/draft/"),
    ("put", "/api/v1/exercises/{slug}/draft/"),
    ("post", "/api/v1/exercises/{slug}/submissions/"),
    ("get", "/api/v1/submissions/"),
    ("get", "/api/v1/submissions/{id}/"),
    ("get", "/api/v1/submissions/{id}/status/"),
    ("get", "/api/v1/submissions/{id}/result/"),
    ("get", "/api/v1/submissions/{id}/result/exercism/"),
    ("get", "/api/v1/submissions/{id}/result/gradescope/"),
    ("post", "/api/v1/submissions/{id}/review-request/"),
    ("get", "/api/v1/reviews/"),
    ("get", "/api/v1/reviews/{id}/"),
    ("get", "/api/v1/mentor/queue/"),
    ("get", "/api/v1/mentor/threads/"),
    ("post", "/api/v1/reviews/{id}/claim/"),
    ("post", "/api/v1/reviews/{id}/release/"),
    ("post", "/api/v1/reviews/{id}/comments/"),
    ("post", "/api/v1/comments/{id}/replies/"),
    ("post", "/api/v1/reviews/{id}/verdict/"),
    ("get", "/api/v1/notifications/"),
    ("post", "/api/v1/notifications/read/"),
    ("get", "/api/v1/cohorts/"),
    ("post", "/api/v1/cohorts/"),
    ("get", "/api/v1/cohorts/{id}/"),
    ("post", "/api/v1/cohorts/{id}/invites/"),
    ("get", "/api/v1/cohorts/{id}/gradebook.csv"),
    ("get", "/api/v1/paths/{slug}/gradebook.csv"),
    ("get", "/api/v1/me/"),
}


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def test_the_schema_has_an_operation_for_each_action(schema):
    found = {(method, path) for method, path, _ in operations(schema)}
    assert ACTIONS <= found, sorted(ACTIONS - found)


def test_every_operation_has_a_summary_and_documents_its_errors(schema):
    for method, path, operation in operations(schema):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        responses = operation["responses"]
        assert any(code.startswith("2") for code in responses), where
        for code in ("401", "404", "429"):
            assert PROBLEM in responses[code]["content"], f"{where} {code}"
        if "requestBody" in operation:
            assert {"400", "413", "415", "422"} <= set(responses), where
        for name in re.findall(r"{(\w+)}", path):
            assert any(p["name"] == name for p in operation["parameters"]), f"{where} {name}"


def test_the_docs_page_loads_its_assets_from_our_static_files(db):
    client = APIClient()
    page = client.get(reverse("api:docs")).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources), sources
    bundle = next(s for s in sources if "swagger-ui-bundle" in s)
    assert client.get(bundle).status_code == 200
    assert "<script>" not in page  # the set-up script is a file of its own (a CSP comes)
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content
    assert client.get(reverse("api:schema")).status_code == 200
