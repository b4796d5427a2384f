"""Helpers for tests that run Mindreel's own processes (`mindreel serve`, `mindreel worker`) and
talk to them as an app would: process start and stop, the JSON API with a bearer token, tus
uploads, generated clips, and what ffmpeg processes are running.

Standard library only, so that system tests need no browser.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
TUS = {"Tus-Resumable": "1.0.0"}
STARTUP_SECONDS = 60

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mindreel_binary() -> Path:
    """The server binary under test: $MINDREEL_BIN, else the debug build."""
    binary = Path(os.environ.get("MINDREEL_BIN", ".build/debug/mindreel"))
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    if not os.access(binary, os.X_OK):
        raise AssertionError(f"no server binary at {binary}: build it first (swift build), or set MINDREEL_BIN")
    return binary


def wait_until(condition: Callable[[], T], seconds: float, message: Callable[[], str] | str, interval: float = 0.2) -> T:
    """Calls `condition` until it returns something truthy (which is returned), or fails with
    `message` after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            text = message() if callable(message) else message
            raise AssertionError(f"{text} (after {seconds:g} s)")
        time.sleep(interval)


def log_tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


# --- Processes ----------------------------------------------------------------------------------


def mindreel_env(data_dir: Path, base_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a Mindreel process on the embedded SQLite in `data_dir`; nothing from
    the caller's environment decides the database or the video settings."""
    env = dict(os.environ)
    for name in (
        "DATABASE_URL",
        "MEDIA_STORE",
        "MINDREEL_MAX_VIDEO_SECONDS",
        "MINDREEL_IN_PROCESS_WORKER",
        "MINDREEL_JOB_LEASE_SECONDS",
        "MINDREEL_FFMPEG_CONCURRENCY",
    ):
        env.pop(name, None)
    env.update(
        MINDREEL_DATA_DIR=str(data_dir),
        MINDREEL_SECRET_KEY_FILE=str(data_dir / "secret.key"),
        MINDREEL_BCRYPT_COST="4",
    )
    if base_url:
        env["MINDREEL_BASE_URL"] = base_url
    env.update(extra)
    return env


@dataclass
class Running:
    """One started process, its output going to `log_path`."""

    name: str
    process: subprocess.Popen
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to clean up (as when a machine loses power)."""
        if self.alive():
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self, seconds: float = 15) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Processes:
    """Starts Mindreel processes and stops every one of them at the end, also when a test
    fails (use as a context manager)."""

    binary: Path
    started: list[Running] = field(default_factory=list)

    def start(self, name: str, arguments: list[str], env: dict[str, str], log_path: Path) -> Running:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("wb") as log:
            # From the repository root: the server finds Resources/ and Public/ there.
            process = subprocess.Popen(
                [str(self.binary), *arguments],
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        running = Running(name, process, log_path)
        self.started.append(running)
        return running

    def serve(self, env: dict[str, str], port: int, log_path: Path) -> Running:
        server = self.start("serve", ["serve", "--hostname", "127.0.0.1", "--port", str(port)], env, log_path)
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if not server.alive():
                raise AssertionError(
                    f"mindreel serve exited with code {server.process.returncode} before answering /healthz; "
                    f"its log ({log_path}):\n{log_tail(log_path)}"
                )
            status, _, _ = Api(base_url).call("GET", "/healthz", timeout=2)
            if status == 200:
                return server
            if time.monotonic() > deadline:
                raise AssertionError(f"GET /healthz did not answer 200 within {STARTUP_SECONDS} s; log:\n{log_tail(log_path)}")
            time.sleep(0.25)

    def stop_all(self) -> None:
        for running in reversed(self.started):
            try:
                running.stop()
            except Exception:
                pass

    def __enter__(self) -> "Processes":
        return self

    def __exit__(self, *exc) -> None:
        self.stop_all()


def command_lines() -> list[tuple[int, list[str]]]:
    """Every process's pid and command line, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        if raw:
            found.append((int(entry.name), [part.decode(errors="replace") for part in raw.rstrip(b"\0").split(b"\0")]))
    return found


def ffmpeg_processes_using(path: Path) -> list[tuple[int, list[str]]]:
    """ffmpeg/ffprobe processes whose command line mentions `path` (a data directory)."""
    needle = str(path)
    return [
        (pid, argv)
        for pid, argv in command_lines()
        if argv and os.path.basename(argv[0]) in ("ffmpeg", "ffprobe") and any(needle in part for part in argv)
    ]


# --- The API --------------------------------------------------------------------------------------


@dataclass
class Api:
    """The JSON API as an app uses it: a bearer token, no cookies."""

    base_url: str
    token: str = ""

    def call(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int | None, dict[str, str], bytes]:
        """(status, headers with lower-case names, body); status None when nothing answered."""
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Accept": "application/json"}
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        all_headers.update(headers or {})
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=all_headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return None, {}, b""

    def json(self, method: str, path: str, body: dict | None = None, expect: tuple[int, ...] = (200,)) -> dict:
        status, _, raw = self.call(method, path, body)
        if status not in expect:
            raise AssertionError(f"{method} {path} answered {status}, expected {expect}: {raw[:500]!r}")
        return json.loads(raw) if raw else {}

    def sign_up_with_token(self, prefix: str = "tester") -> str:
        """Creates an account (POST /api/v1/accounts) and takes a bearer token for it."""
        handle = f"{prefix}_{os.getpid()}_{int(time.time() * 1000) % 100000}"[:30]
        password = "steady-harbour-4821"
        self.json(
            "POST",
            "/api/v1/accounts",
            {"handle": handle, "display_name": "Test Creator", "email": f"{handle}@example.com", "password": password, "birth_year": 1990},
            expect=(201,),
        )
        answer = self.json("POST", "/api/v1/auth/token", {"handle": handle, "password": password}, expect=(200, 201))
        self.token = answer["token"]
        return handle

    def upload(self, path: Path, filetype: str = "video/mp4") -> str:
        """A tus upload of the whole file in one PATCH (streamed from disk); returns its id."""
        size = path.stat().st_size
        metadata = f"filename {base64.b64encode(path.name.encode()).decode()},filetype {base64.b64encode(filetype.encode()).decode()}"
        status, headers, raw = self.call(
            "POST", "/api/v1/uploads", headers={**TUS, "Upload-Length": str(size), "Upload-Metadata": metadata}
        )
        location = headers.get("location")
        if status != 201 or not location:
            raise AssertionError(f"POST /api/v1/uploads answered {status} (Location {location!r}): {raw[:300]!r}")
        host = self.base_url.removeprefix("http://")
        connection = http.client.HTTPConnection(host, timeout=300)
        try:
            with path.open("rb") as f:
                connection.request(
                    "PATCH",
                    location,
                    body=f,
                    headers={
                        **TUS,
                        "Authorization": f"Bearer {self.token}",
                        "Content-Type": "application/offset+octet-stream",
                        "Content-Length": str(size),
                        "Upload-Offset": "0",
                    },
                )
                response = connection.getresponse()
                answer = response.read()
                offset = response.getheader("Upload-Offset")
        finally:
            connection.close()
        if response.status != 204 or offset != str(size):
            raise AssertionError(f"PATCH {location} answered {response.status} (Upload-Offset {offset!r}): {answer[:300]!r}")
        return location.rstrip("/").rsplit("/", 1)[1]

    def topic_ids(self) -> list[str]:
        return [item["id"] for item in self.json("GET", "/api/v1/topics")["items"]]


# --- Clips and ffprobe ----------------------------------------------------------------------------


def require_ffmpeg() -> None:
    for tool in ("ffmpeg", "ffprobe"):
        if shutil.which(tool) is None:
            raise AssertionError(f"{tool} is not installed (scripts/install-deps.sh installs it)")


def make_clip(path: Path, seconds: float, width: int, height: int, preset: str = "veryfast", extra: list[str] | None = None) -> Path:
    """An H.264 (High, yuv420p) / AAC MP4 of moving test pattern and a tone."""
    require_ffmpeg()
    # fmt: off
    command = [
        "ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate=30",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", f"{seconds:g}",
        "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-preset", preset,
        *(extra or []),
        "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart",
        str(path),
    ]
    # fmt: on
    subprocess.run(command, check=True, timeout=600)
    return path


def ffprobe(path: Path) -> dict:
    finished = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if finished.returncode != 0:
        raise AssertionError(f"ffprobe could not read {path}: {finished.stderr.strip()}")
    return json.loads(finished.stdout)


# --- The database, read-only --------------------------------------------------------------------


def sqlite_rows(database: Path, query: str, parameters: tuple = ()) -> list[sqlite3.Row]:
    """Rows from the server's SQLite database, opened read-only (the server keeps writing)."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
    try:
        connection.row_factory = sqlite3.Row
        return connection.execute(query, parameters).fetchall()
    finally:
        connection.close()


def jobs_for_video(database: Path, video_id: str) -> list[sqlite3.Row]:
    """The jobs whose payload names the video (any case of its id), oldest first."""
    return sqlite_rows(
        database,
        "SELECT id, kind, state, attempts, last_error FROM jobs WHERE lower(payload) LIKE ? ORDER BY created_at",
        (f"%{video_id.lower()}%",),
    )
