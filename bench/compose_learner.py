"""One learner against a running stack (scripts/compose-smoke.sh): log in over HTTP, submit the
reference solution of matmul-from-scratch, poll the status as htmx does; exit 0 if it passed.

    .venv/bin/python bench/compose_learner.py http://127.0.0.1:8000 EMAIL PASSWORD
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.grading import Learner  # noqa: E402

SLUG = "matmul-from-scratch"


def main() -> None:
    base, email, password = sys.argv[1:4]
    code = next((ROOT / "content" / "exercises" / SLUG / "reference").glob("*.py")).read_text()
    learner = Learner(base)
    learner.login(email, password)
    started = time.monotonic()
    pk = learner.submit(SLUG, code)
    status = learner.wait_result(pk, timeout=300, poll=0.5)
    print(f"submission {pk}: {status} after {time.monotonic() - started:.1f} s")
    sys.exit(0 if status == "passed" else 1)


if __name__ == "__main__":
    main()
