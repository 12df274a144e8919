"""An exercise's `environment.image` picks the sandbox image its jobs and warm containers use."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.content.exercise_packages import load_package
from sandbox.images import build
from worker import job_spec, warm_pool
from worker.judge.plan import build_plan

SPEC = """\
slug: {slug}
title: Image choice
environment:
{environment}
checks:
  - id: answer
    kind: probe
    call: answer
    cases: [{{args: []}}]
    compare: {{mode: exact}}
{extra}"""


def write_package(root: Path, slug: str, environment: str, extra: str = "") -> Path:
    folder = root / slug
    (folder / "starter").mkdir(parents=True)
    (folder / "reference").mkdir()
    (folder / "exercise.yaml").write_text(
        SPEC.format(slug=slug, environment=environment, extra=extra)
    )
    (folder / "statement.md").write_text("Return 42.\n")
    (folder / "starter" / "solution.py").write_text("def answer():\n    return 0\n")
    (folder / "reference" / "solution.py").write_text("def answer():\n    return 42\n")
    return folder


def loaded(root: Path, slug: str, environment: str, extra: str = ""):
    package, problems = load_package(write_package(root, slug, environment, extra))
    return package, [problem.message for problem in problems]


@pytest.fixture
def images(settings):
    settings.SANDBOX_IMAGE = "backprop-sandbox:light"
    settings.SANDBOX_DL_IMAGE = "backprop-sandbox-dl:heavy"
    settings.SANDBOX_GPU_IMAGE = "backprop-sandbox-gpu:cuda"  # each change clears the cache


def test_the_image_kind_follows_environment_image(tmp_path):
    light, problems = loaded(tmp_path, "light", "  device: cpu\n  image: default")
    assert problems == [] and light.image == "cpu"
    unset, problems = loaded(tmp_path, "unset", "  device: cpu")
    assert problems == [] and unset.image == "cpu"
    heavy, problems = loaded(tmp_path, "heavy", "  device: cpu\n  image: dl")
    assert problems == [] and heavy.image == "dl"


def test_a_gpu_exercise_runs_in_the_cuda_image_and_its_cpu_smoke_in_the_light_one(tmp_path):
    smoke = "cpu_smoke:\n  limits: {wall_seconds: 30}\n"
    gpu, problems = loaded(tmp_path, "gpu", "  device: gpu\n  image: gpu", smoke)
    assert problems == [] and gpu.image == "gpu"
    assert gpu.cpu_smoke().image == "cpu"


def test_an_unknown_image_or_a_gpu_image_on_a_cpu_exercise_is_a_problem(tmp_path):
    _, problems = loaded(tmp_path, "typo", "  device: cpu\n  image: heavy")
    assert problems == ["environment.image must be one of default, dl, gpu"]
    _, problems = loaded(tmp_path, "mismatch", "  device: cpu\n  image: gpu")
    assert len(problems) == 1 and "environment.image gpu goes with" in problems[0]


def test_jobs_run_in_the_image_their_exercise_declares(tmp_path, images):
    light, _ = loaded(tmp_path, "light", "  device: cpu\n  image: default")
    heavy, _ = loaded(tmp_path, "heavy", "  device: cpu\n  image: dl")

    def image(package):
        plan = build_plan(package, seed=1, wall_seconds=30, for_reference=True)
        return job_spec.build_job(package, package.reference, plan=plan, seed=1, labels={}).image

    assert image(light) == "backprop-sandbox:light"
    assert image(heavy) == "backprop-sandbox-dl:heavy"


def test_warm_pool_shapes_carry_each_exercise_image(db, tmp_path, images, settings, monkeypatch):
    write_package(tmp_path / "exercises", "light", "  device: cpu\n  image: default")
    write_package(tmp_path / "exercises", "heavy", "  device: cpu\n  image: dl")
    settings.CONTENT_DIR = tmp_path
    warmed = []

    class Pool:
        def warm(self, shapes):
            warmed.extend(shapes)

    monkeypatch.setattr(warm_pool, "get", lambda: Pool())
    monkeypatch.setattr(warm_pool, "remove_orphans", lambda client: 0)
    monkeypatch.setattr(warm_pool, "connect", lambda: None)
    warm_pool.start()
    assert {shape.image for shape in warmed} == {
        "backprop-sandbox:light",
        "backprop-sandbox-dl:heavy",
    }


def test_the_dl_tag_hashes_its_own_requirements_and_the_light_ones_it_includes(
    tmp_path, monkeypatch
):
    light = tmp_path / "requirements.txt"
    light.write_text("numpy==2.4.6\n")
    heavy = tmp_path / "requirements-dl.txt"
    heavy.write_text("-r requirements.txt\ntransformers==5.24.0\n")
    dl = build.RECIPES["dl"]
    monkeypatch.setitem(
        build.RECIPES,
        "dl",
        build.Recipe(**{**dl.__dict__, "requirements": heavy, "includes": (light,)}),
    )
    before = build.image_tag(base="python:3.11-slim", kind="dl")
    assert before.startswith("backprop-sandbox-dl:")
    light.write_text("numpy==2.4.7\n")
    assert build.image_tag(base="python:3.11-slim", kind="dl") != before


def test_the_shipped_dl_recipe_includes_the_light_requirements():
    dl = build.recipe("dl")
    assert dl.includes == (build.REQUIREMENTS,)
    assert "-r requirements.txt" in dl.requirements.read_text().splitlines()
    assert build.image_tag(base="python:3.11-slim", kind="dl") != build.image_tag(
        base="python:3.11-slim", kind="cpu"
    )
    assert build.CPU_KINDS == ("cpu", "dl")


def test_the_dl_context_keeps_both_requirement_files_by_name(tmp_path):
    wheelhouse = tmp_path / "wheels"
    wheelhouse.mkdir()
    (wheelhouse / "x-1-py3-none-any.whl").write_bytes(b"wheel")
    context = tmp_path / "context"
    context.mkdir()
    build._assemble_context(context, wheelhouse, build.recipe("dl"))
    names = sorted(path.name for path in (context / "wheelhouse").iterdir())
    assert names == ["requirements-dl.txt", "requirements.txt", "x-1-py3-none-any.whl"]
    assert (
        context / "wheelhouse" / "requirements.txt"
    ).read_bytes() == build.REQUIREMENTS.read_bytes()
    assert "requirements-dl.txt" in (context / "Dockerfile").read_text()


def test_a_changed_image_setting_is_seen_at_once(settings):
    """The resolved image is cached; a changed setting must not keep the old one (a test that
    set SANDBOX_IMAGE once made every later test's reference run ask for that image)."""
    settings.SANDBOX_IMAGE = "backprop-sandbox:first"
    assert job_spec.sandbox_image() == "backprop-sandbox:first"
    settings.SANDBOX_IMAGE = "backprop-sandbox:second"
    assert job_spec.sandbox_image() == "backprop-sandbox:second"
