"""A prefork child warms its pool only after Celery's Django fixup has closed the database
sockets the child inherited (by fd number): a Docker socket opened before that could get one of
those numbers and be closed under it, which every bench worker logged as "Bad file descriptor".

Run in a subprocess: sending `worker_init` installs the fixup's receivers for good.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ORDER = """
import django
django.setup()
from celery.signals import worker_init, worker_process_init
from config.celery import app
import worker.tasks


class Worker:
    app = app
    pool_cls = "prefork"


worker_init.send(sender=Worker())
for _key, ref in worker_process_init.receivers:  # in the order they will run
    receiver = ref if hasattr(ref, "__code__") else ref()  # a function, or a weak reference
    print(getattr(receiver, "__qualname__", repr(receiver)))
"""


def test_the_pool_warms_after_the_fixup_closed_the_inherited_sockets():
    done = subprocess.run(
        [sys.executable, "-c", ORDER],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    order = done.stdout.split()
    assert "warm_the_pool" in order, order
    assert "DjangoWorkerFixup.on_worker_process_init" in order, order
    assert order.index("DjangoWorkerFixup.on_worker_process_init") < order.index("warm_the_pool")
