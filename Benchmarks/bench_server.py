"""What the benchmarks share: a `mindreel serve` started on loopback for one run, and stopped.

Each benchmark picks its own environment (log level, worker, bcrypt cost …) with mindreel_env()
and its own patience with start_server(); the rest is the same for all of them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "bench"  # results and logs (git-ignored)
STOP_SECONDS = 15  # after SIGTERM, before SIGKILL


class BenchError(Exception):
    """The benchmark could not run; the message says why."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loopback_url() -> str:
    """A base URL on 127.0.0.1 at a port that is free now."""
    return f"http://127.0.0.1:{free_port()}"


def mindreel_env(data_dir: Path, base_url: str, *, drop: tuple[str, ...] = (), **settings: str) -> dict[str, str]:
    """This process's environment for a mindreel command on `data_dir`: without DATABASE_URL (the
    embedded SQLite in the data directory, unless `settings` names one) and without the variables
    in `drop` (so that the caller's shell does not change what is measured), then `settings`."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", *drop):
        env.pop(name, None)
    env.update(
        MINDREEL_DATA_DIR=str(data_dir),
        MINDREEL_BASE_URL=base_url,
        MINDREEL_SECRET_KEY_FILE=str(data_dir / "secret.key"),
    )
    env.update(settings)
    return env


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    log_path: Path
    data_dir: Path | None = None

    @property
    def pid(self) -> int:
        return self.process.pid


def start_server(
    binary: Path, env: dict[str, str], base_url: str, log_path: Path, *, ready_within: float = 60, data_dir: Path | None = None
) -> Server:
    """`mindreel serve --hostname 127.0.0.1 --port <base_url's port>` with `env`, its output to
    `log_path`; returns once GET /healthz answers 200. Raises BenchError when the process exits
    first or `ready_within` seconds pass (the server is stopped then)."""
    port = urllib.parse.urlsplit(base_url).port
    if port is None:
        raise BenchError(f"no port in the base URL {base_url!r}")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    server = Server(process, base_url, log_path, data_dir)
    deadline = time.monotonic() + ready_within
    while True:
        if process.poll() is not None:
            raise BenchError(f"mindreel serve exited with code {process.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            stop_server(server)
            raise BenchError(f"GET /healthz did not answer 200 within {ready_within:g} s; see {log_path}")
        time.sleep(0.25)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
