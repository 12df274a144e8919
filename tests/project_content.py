"""Import the real content/ for the project-route tests, whatever else is being edited.

Exercise packages are written by other people at the same time; one that does not load yet
(no exercise.yaml, a wrong solution still missing) would make the whole import refuse. The
copy leaves such packages out and unlinks them from the paths, so these tests see every
path, unit, project, rubric and milestone as the files state them.
"""

import re
import shutil
from pathlib import Path

from curriculum.content.exercise_packages import load_packages
from curriculum.content.paths_import import content_import

REPO = Path(__file__).resolve().parents[1]


def import_real_content(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root, ignore=shutil.ignore_patterns("__pycache__"))
    _, problems = load_packages(root / "exercises")
    broken = {Path(p.file).relative_to(root / "exercises").parts[0] for p in problems}
    for slug in broken:
        shutil.rmtree(root / "exercises" / slug, ignore_errors=True)
    for file in (root / "paths").glob("*/path.yaml"):
        text = file.read_text(encoding="utf-8")
        for slug in broken:
            text = re.sub(rf"^\s*package: {re.escape(slug)}\s*\n", "", text, flags=re.M)
        file.write_text(text, encoding="utf-8")
    content_import(content_dir=root)
