import re

from sandbox.images import build


def test_the_tag_is_content_addressed_and_depends_on_the_base():
    tag = build.image_tag(base="python:3.11-slim")
    assert re.fullmatch(r"backprop-sandbox:[0-9a-f]{12}", tag)
    assert tag == build.image_tag(base="python:3.11-slim")
    assert tag != build.image_tag(base=build.OFFLINE_BASE)


def test_the_tag_covers_every_harness_file_and_the_requirements():
    names = {path.name for path in build.harness_files()}
    assert {"supervisor.py", "child.py", "codec.py", "frame.py", "report.py"} <= names
    assert build.REQUIREMENTS.read_text().count("torch==2.13.0") == 1


def test_an_explicit_base_wins_without_asking_the_engine(monkeypatch):
    monkeypatch.setenv("SANDBOX_BASE", "example/base:1")
    assert build.resolve_base() == "example/base:1"
    monkeypatch.delenv("SANDBOX_BASE")
    monkeypatch.setenv("SANDBOX_OFFLINE", "1")
    assert build.resolve_base() == build.OFFLINE_BASE
