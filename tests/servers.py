"""Servers of our own for the fault benches and the scale-out tests: a redis-server and a
throwaway PostgreSQL cluster that may be stopped and started at will (never the shared ones),
and worker "hosts" made of network namespaces joined to this host by veth pairs.

Plain Python (no Django). It lives with the tests, which never import `bench/`; `bench/faults.py`
imports it from here.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def wait_listening(host: str, port: int, timeout: float, proc=None, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited early (code {proc.returncode})")
        with socket.socket() as sock:
            sock.settimeout(1)
            if sock.connect_ex((host, port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {host}:{port} within {timeout} s")


class Redis:
    """A redis-server on its own port, bound only to `binds`; stop() and start() at will."""

    def __init__(self, binds: list[str], port: int | None = None, log: Path | None = None):
        self.binds = binds
        self.port = port or free_port()
        self.log = log
        self.proc: subprocess.Popen | None = None

    def url(self, host: str | None = None) -> str:
        return f"redis://{host or self.binds[0]}:{self.port}/0"

    def start(self) -> None:
        out = open(self.log, "a") if self.log else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                " ".join(self.binds),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                # Bound to our own addresses only; protected mode would refuse the namespaces.
                "--protected-mode",
                "no",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_listening(self.binds[0], self.port, 10, self.proc, "redis-server")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


def postgres_bindir() -> Path | None:
    """The newest installed PostgreSQL server's bin folder (Debian layout), or pg_ctl on PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    which = shutil.which("pg_ctl")
    return Path(which).parent if which else None


class Postgres:
    """A throwaway PostgreSQL cluster (initdb + pg_ctl in a temporary folder, as the postgres
    user when we are root), listening on `listen` only, trust auth for `trusted` networks.
    Durability is off (fsync): it lives for one run."""

    def __init__(self, listen: list[str], trusted: list[str], port: int | None = None):
        self.bindir = postgres_bindir()
        if self.bindir is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl) installed")
        self.listen = listen
        self.trusted = trusted
        self.port = port or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="backprop-pg-", dir="/var/tmp"))
        self.data = self.root / "data"
        self.logfile = self.root / "postgres.log"
        os.chmod(self.root, 0o755)
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *argv: str, timeout: float = 120) -> None:
        cmd = [str(self.bindir / argv[0]), *argv[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, timeout=timeout, capture_output=True, cwd=self.root)

    def url(self, database: str, host: str | None = None) -> str:
        return f"postgres://postgres@{host or self.listen[0]}:{self.port}/{database}"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"listen_addresses = '{','.join(self.listen)}'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.root}'\nfsync = off\n"
                "synchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n"
            )
        with open(self.data / "pg_hba.conf", "w") as hba:
            hba.write("local all all trust\nhost all all 127.0.0.1/32 trust\n")
            for network in self.trusted:
                hba.write(f"host all all {network} trust\n")

    def start(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-w", "-t", "60", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def netns_available() -> str | None:
    """None when network namespaces can be made here, else why not."""
    if os.geteuid() != 0:
        return "making network namespaces needs root"
    if shutil.which("ip") is None:
        return "iproute2 (`ip`) is not installed"
    probe = f"bp-probe-{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if made.returncode != 0:
        return f"`ip netns add` failed: {made.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


@dataclass
class Host:
    """One worker host: a network namespace, its veth link, a /30 with two addresses."""

    name: str  # the namespace
    link: str  # the veth end on this (the host) side
    host_ip: str  # this side's address: what the namespace reaches Redis and PostgreSQL on
    ns_ip: str


@dataclass
class NetnsHosts:
    """Worker hosts as network namespaces, each on its own /30 of 10.231.<k>.0/24; `cleanup`
    removes every namespace and link made, whatever state they are in."""

    tag: str = field(default_factory=lambda: str(os.getpid() % 100000))
    hosts: list[Host] = field(default_factory=list)

    @property
    def octet(self) -> int:
        return int(self.tag) % 250 + 1  # two runs at once rarely share a /24

    def network(self) -> str:
        return f"10.231.{self.octet}.0/24"

    def add(self, letter: str) -> Host:
        index = len(self.hosts)
        base = f"10.231.{self.octet}."
        host = Host(
            name=f"bp{self.tag}{letter}",
            link=f"bph{self.tag}{letter}",
            host_ip=f"{base}{4 * index + 1}",
            ns_ip=f"{base}{4 * index + 2}",
        )
        peer = f"bpn{self.tag}{letter}"
        self.hosts.append(host)  # before anything is made: cleanup must know about it
        for cmd in (
            ["ip", "netns", "add", host.name],
            ["ip", "link", "add", host.link, "type", "veth", "peer", "name", peer],
            ["ip", "link", "set", peer, "netns", host.name],
            ["ip", "addr", "add", f"{host.host_ip}/30", "dev", host.link],
            ["ip", "link", "set", host.link, "up"],
            ["ip", "-n", host.name, "addr", "add", f"{host.ns_ip}/30", "dev", peer],
            ["ip", "-n", host.name, "link", "set", peer, "up"],
            ["ip", "-n", host.name, "link", "set", "lo", "up"],
        ):
            subprocess.run(cmd, check=True, capture_output=True, timeout=30)
        return host

    def cut(self, host: Host) -> None:
        """The host drops off the network: its link goes down (processes keep running)."""
        subprocess.run(["ip", "link", "set", host.link, "down"], check=True, timeout=30)

    def exec_prefix(self, host: Host) -> list[str]:
        return ["ip", "netns", "exec", host.name]

    def cleanup(self) -> None:
        for host in self.hosts:
            subprocess.run(["ip", "link", "del", host.link], capture_output=True, timeout=30)
            subprocess.run(["ip", "netns", "del", host.name], capture_output=True, timeout=30)
        self.hosts.clear()


def killpg(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Stop a process started with start_new_session, and its children; KILL if TERM is ignored."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass
