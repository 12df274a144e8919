"""The supervisor keeps only plain image files from figures/, without following links."""

from __future__ import annotations

import base64
import os

from sandbox.harness import figures
from sandbox.harness.supervisor import fit

PNG = figures.PNG_MAGIC + b"\0" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'


def _folder(tmp_path):
    folder = tmp_path / "figures"
    folder.mkdir()
    return folder


def test_images_are_kept_and_everything_else_is_named_or_ignored(tmp_path):
    folder = _folder(tmp_path)
    (folder / "axes.svg").write_bytes(SVG)
    (folder / "plot.png").write_bytes(PNG)
    (folder / "notes.txt").write_text("not an image")
    (folder / "fake.png").write_bytes(b"GIF89a....")
    (folder / "big.svg").write_bytes(SVG + b" " * 2000)
    secret = tmp_path / "secret.svg"
    secret.write_bytes(SVG)
    (folder / "link.svg").symlink_to(secret)
    os.mkfifo(folder / "pipe.png")  # opening it must not block the supervisor
    found = figures.collect(str(tmp_path), {"dir": "figures", "max_bytes": 1000})
    assert [f["name"] for f in found["files"]] == ["axes.svg", "plot.png"]
    assert base64.b64decode(found["files"][0]["data"]) == SVG
    assert found["files"][1]["type"] == "image/png"
    why = {s["name"]: s["why"] for s in found["skipped"]}
    assert set(why) == {"big.svg", "fake.png", "link.svg", "pipe.png"}
    assert "at most 1000" in why["big.svg"] and "link" in why["link.svg"]
    assert "regular" in why["pipe.png"] and "does not start" in why["fake.png"]


def test_a_linked_folder_is_not_read(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.svg").write_bytes(SVG)
    (tmp_path / "figures").symlink_to(elsewhere)
    assert figures.collect(str(tmp_path), {"dir": "figures"}) == {"files": [], "skipped": []}


def test_only_so_many_figures_are_kept(tmp_path):
    folder = _folder(tmp_path)
    for index in range(6):
        (folder / f"f{index}.svg").write_bytes(SVG)
    found = figures.collect(str(tmp_path), {"dir": "figures", "max_files": 4})
    assert len(found["files"]) == 4 and [s["name"] for s in found["skipped"]] == [
        "f4.svg",
        "f5.svg",
    ]


def test_figures_give_way_first_when_the_result_is_too_large():
    data = base64.b64encode(b"x" * 50_000).decode()
    result = {
        "steps": [{"id": "a#0", "status": "ok", "value": 1}],
        "stdout": "",
        "stderr": "",
        "figures": {
            "files": [{"name": "big.png", "type": "image/png", "data": data}],
            "skipped": [],
        },
    }
    payload = fit(result, 20_000)
    assert b'"value":1' in payload and b"big.png" in payload and data.encode() not in payload
    assert b"did not fit in the result size limit" in payload
