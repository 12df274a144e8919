"""Library bans hold in the learner's process, however the name is spelled (sandbox.harness.bans).

Each case runs in a fresh interpreter: a ban, once installed, lasts for the process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy
import pytest

from worker.judge.grade import runtime_ban
from worker.judge.plan import build_plan

ROOT = Path(__file__).resolve().parents[2]
NUMPY_INIT = Path(numpy.__file__)


def run_banned(code: str, *, imports=(), calls=()) -> str:
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from sandbox.harness.bans import Bans, ForbiddenByExercise
        Bans(imports={list(imports)!r}, calls={list(calls)!r}).install()
        def attempt(label, how):
            try:
                how()
            except (ImportError, ForbiddenByExercise) as exc:
                print(label, "refused:", type(exc).__name__, exc)
            else:
                print(label, "ALLOWED")
        """
    ) + textwrap.dedent(code)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "spelling",
    [
        'attempt("x", lambda: __import__("importlib").import_module("num" + "py"))',
        'attempt("x", lambda: __import__("num" + "py"))',
        'attempt("x", lambda: exec("import num" + "py.linalg"))',
        'attempt("x", lambda: exec("from numpy import linalg"))',
    ],
)
def test_a_banned_module_cannot_be_imported_by_any_spelling(spelling):
    out = run_banned(spelling, imports=["numpy"])
    assert "refused: ModuleNotFoundError" in out and "numpy" in out
    assert "ALLOWED" not in out


def test_a_banned_module_already_loaded_is_dropped_first():
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        import numpy
        from sandbox.harness.bans import Bans
        Bans(imports=["numpy"]).install()
        print(sys.modules.get("numpy", "missing") is None)
        try:
            import numpy
        except ImportError as exc:
            print("refused", exc)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout
    assert out.splitlines() == ["True", "refused import of numpy halted; None in sys.modules"]


def test_a_probe_for_a_banned_module_hears_no_and_a_removed_halt_still_refuses():
    out = run_banned(
        """
        import importlib.util
        print("probe", importlib.util.find_spec("numpy"))
        del sys.modules["numpy"]
        attempt("again", lambda: __import__("numpy"))
        """,
        imports=["numpy"],
    )
    assert "probe None" in out
    assert "again refused: ModuleNotFoundError numpy is not available: this exercise forbids" in out


def test_loading_a_banned_package_by_file_path_or_finding_it_through_gc_is_refused():
    out = run_banned(
        f"""
        import importlib.util, gc
        def by_path():
            spec = importlib.util.spec_from_file_location("np2", {str(NUMPY_INIT)!r})
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        attempt("path", by_path)
        attempt("gc", gc.get_objects)
        attempt("open", lambda: open({str(NUMPY_INIT)!r}).read())
        """,
        imports=["numpy"],
    )
    assert "path refused: ForbiddenByExercise" in out
    assert "gc refused: ForbiddenByExercise gc.get_objects" in out
    assert "open refused: ForbiddenByExercise" in out


def test_a_banned_call_trips_under_another_name_and_the_rest_of_the_library_works():
    out = run_banned(
        """
        import numpy as np
        A = np.eye(3); y = np.ones(3)
        attempt("getattr", lambda: getattr(np.linalg, "lst" + "sq")(A, y, rcond=None))
        from numpy.linalg import lstsq as hidden
        attempt("alias", lambda: hidden(A, y, rcond=None))
        attempt("solve", lambda: np.linalg.solve(A, y))
        print("matmul", (A @ y).tolist())
        """,
        calls=["numpy.linalg.lstsq"],
    )
    assert (
        "getattr refused: ForbiddenByExercise uses numpy.linalg.lstsq, which this exercise forbids"
        in out
    )
    assert "alias refused: ForbiddenByExercise" in out
    assert "solve ALLOWED" in out and "matmul [1.0, 1.0, 1.0]" in out


def test_a_banned_class_trips_when_built_by_any_path_even_as_a_base():
    out = run_banned(
        """
        import collections
        class Mine(collections.Counter):
            pass
        attempt("counter", lambda: collections.Counter("aab"))
        attempt("subclass", lambda: Mine("aab"))
        attempt("other", lambda: collections.OrderedDict(a=1))
        """,
        calls=["collections.Counter"],
    )
    assert "counter refused: ForbiddenByExercise uses collections.Counter" in out
    assert "subclass refused: ForbiddenByExercise" in out
    assert "other ALLOWED" in out


def test_the_learners_plan_carries_the_bans_and_the_references_does_not(settings):
    from curriculum.content.exercise_packages import find_package

    package = find_package(settings.CONTENT_DIR / "exercises", "gradient-descent-linreg")
    learner = build_plan(package, seed=1, wall_seconds=20)
    reference = build_plan(package, seed=1, wall_seconds=20, for_reference=True)
    assert learner["bans"]["imports"] == ["scipy", "sklearn", "torch"]
    assert "numpy.linalg.lstsq" in learner["bans"]["calls"]
    assert not any(c.startswith("np.") for c in learner["bans"]["calls"])
    assert "bans" not in reference


def test_the_source_check_fails_with_the_message_the_run_saw():
    class Seen:
        steps = {
            "_load#0": {
                "status": "raised",
                "exception": {
                    "type": "ModuleNotFoundError",
                    "message": "numpy is not available: this exercise forbids numpy",
                },
            }
        }

    assert runtime_ban(Seen(), ["numpy"]) == "numpy is not available: this exercise forbids numpy"  # type: ignore[arg-type]
    Seen.steps["_load#0"]["exception"]["message"] = "import of numpy halted; None in sys.modules"
    assert runtime_ban(Seen(), ["numpy"]) == "it imported numpy, which this exercise forbids"  # type: ignore[arg-type]
    Seen.steps["_load#0"]["exception"]["message"] = (
        "No module named 'numpy.linalg'; 'numpy' is not a package"
    )
    assert runtime_ban(Seen(), ["numpy"]) == "it imported numpy, which this exercise forbids"  # type: ignore[arg-type]
    Seen.steps["_load#0"]["exception"]["message"] = "No module named 'pandas'"
    assert runtime_ban(Seen(), ["numpy"]) is None  # type: ignore[arg-type]


def test_a_banned_submodule_leaves_the_rest_of_its_library_usable():
    out = run_banned(
        """
        import importlib.util, os
        import numpy.linalg
        attempt("sibling", lambda: numpy.linalg.norm([3.0, 4.0]))
        attempt("banned", lambda: __import__("numpy.polynomial"))
        folder = os.path.dirname(importlib.util.find_spec("numpy").origin)
        attempt("file", lambda: open(os.path.join(folder, "polynomial", "__init__.py")).read())
        """,
        imports=["numpy.polynomial"],
    )
    assert "sibling ALLOWED" in out
    assert "banned refused: ModuleNotFoundError" in out
    assert "file refused: ForbiddenByExercise" in out
