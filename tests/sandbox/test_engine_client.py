"""One engine client per process (no engine needed: `connect` is replaced)."""

from sandbox import runner


def test_the_client_is_made_once_per_process_and_docker_host(monkeypatch):
    made = []
    monkeypatch.setattr(runner, "_engines", {})
    monkeypatch.setattr(runner, "connect", lambda: made.append(object()) or made[-1])
    monkeypatch.delenv("DOCKER_HOST", raising=False)

    first = runner.engine()
    assert runner.engine() is first and len(made) == 1

    monkeypatch.setenv("DOCKER_HOST", "unix:///tmp/elsewhere.sock")
    assert runner.engine() is not first and len(made) == 2

    monkeypatch.delenv("DOCKER_HOST")
    monkeypatch.setattr(runner.os, "getpid", lambda: -1)  # a forked child
    assert runner.engine() is not first and len(made) == 3


def test_an_engine_that_does_not_answer_is_not_kept(monkeypatch):
    calls = []

    def down():
        calls.append(1)
        raise runner.SandboxUnavailable("the Docker engine does not answer")

    monkeypatch.setattr(runner, "_engines", {})
    monkeypatch.setattr(runner, "connect", down)
    for _ in range(2):
        try:
            runner.engine()
        except runner.SandboxUnavailable:
            pass
    assert len(calls) == 2 and runner._engines == {}
