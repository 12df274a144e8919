"""Static checks parse one source at a time: CPython 3.11's AST constructor is not thread-safe."""

import ast
import threading
import time

from worker.judge import static
from worker.judge.static import judge_static, parse_python


def test_parses_never_overlap_across_threads(monkeypatch):
    real_parse = ast.parse
    inside = []
    overlaps = []

    def slow_parse(*args, **kwargs):
        inside.append(1)
        if len(inside) > 1:
            overlaps.append(len(inside))
        time.sleep(0.01)
        try:
            return real_parse(*args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(static.ast, "parse", slow_parse)
    threads = [
        threading.Thread(
            target=lambda: [
                judge_static({"require_imports": ["numpy"]}, {"a.py": "import numpy\n"})
                for _ in range(5)
            ]
        )
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []


def test_a_parse_another_thread_tripped_is_retried(monkeypatch):
    real_parse = ast.parse
    calls = []

    def tripped_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise SystemError("AST constructor recursion depth mismatch (before=39, after=32)")
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(static.ast, "parse", tripped_once)
    score, message = judge_static({"forbid_imports": ["numpy"]}, {"solution.py": "import numpy\n"})
    assert score == 0.0 and "numpy" in message
    assert len(calls) == 2


def test_syntax_errors_still_reach_the_learner():
    try:
        parse_python("def f(:\n", filename="solution.py")
    except SyntaxError as exc:
        assert exc.filename == "solution.py"
    else:
        raise AssertionError("a syntax error was swallowed")
