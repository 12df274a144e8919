"""Before submitting, the exercise page says where the code runs: its budget and the pinned
library versions of its image (issue #13 item 7, issue #14 item 3)."""

from django.urls import reverse

from curriculum.selectors import exercise_sandbox, image_libraries
from sandbox.limits import DEFAULTS


def test_the_page_shows_the_budget_and_the_pinned_libraries(client, matmul):
    html = client.get(reverse("submissions:exercise", args=[matmul.slug])).content.decode()
    assert "Where your code runs" in html
    # matmul-from-scratch declares limits: {wall_seconds: 20, memory_mb: 256}; one CPU.
    assert "Budget: 20 s of wall time on 1 CPU (at most 20 CPU-seconds), 256 MiB of memory" in html
    pins = dict(image_libraries("default"))
    assert f"<code>numpy {pins['numpy']}</code>" in html
    assert f"<code>scikit-learn {pins['scikit-learn']}</code>" in html


def test_the_deep_learning_image_lists_its_own_pins_and_the_light_ones():
    light, dl = dict(image_libraries("default")), dict(image_libraries("dl"))
    assert light.items() <= dl.items()
    assert {"transformers", "onnxruntime", "keras"} <= dl.keys() - light.keys()


def test_an_exercise_without_limits_shows_the_sandbox_defaults(matmul):
    matmul.spec = {**matmul.spec, "limits": {}}
    facts = exercise_sandbox(matmul)
    assert (facts.wall_seconds, facts.memory_mb, facts.cpus) == (
        DEFAULTS.wall_seconds,
        DEFAULTS.memory_mb,
        DEFAULTS.cpus,
    )
