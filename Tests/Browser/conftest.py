"""Starts the built `mindreel serve` once per test session, with its own data directory and port
(`server`: empty; `demo_server`: a second one with the demo content; `clock_server`, for the
tests of one module, a third whose clock the tests move), and gives each test fresh
headless Chromium browsers (each with its own cookies)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import ARTIFACTS, REPO_ROOT, SCREENSHOTS, Server, free_port, make_chrome

STARTUP_SECONDS = 60
DEMO_SEED_SECONDS = 600


@dataclass
class DemoServer(Server):
    """The server with the demo content. Its creators (DemoVideos.creators in the Swift sources)
    share one password."""

    creator_password: str = "demo-creator-pass-42"
    creators: tuple[str, ...] = (
        "demo_ana_counsellor",
        "demo_sam_lives_it",
        "demo_noor_explains",
        "demo_jo_peer",
        "demo_lee_psychologist",
        "demo_maya_laughs",
    )

    def seed_again(self) -> subprocess.CompletedProcess:
        """Runs `mindreel seed --demo` once more on this server's data, as `make run` does on
        every start."""
        return subprocess.run(
            [str(_binary()), "seed", "--demo"],
            cwd=REPO_ROOT,
            env=_environment(self.data_dir, self.base_url),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=DEMO_SEED_SECONDS,
        )


def pytest_sessionstart(session):
    # Screenshots from an earlier run (say, of a test that failed then) would mislead.
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)


def _log_tail(path: Path, lines: int = 80) -> str:
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _healthz(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _binary() -> Path:
    binary = Path(os.environ.get("MINDREEL_BIN", ".build/debug/mindreel"))
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    if not os.access(binary, os.X_OK):
        pytest.fail(f"no server binary at {binary}: build it first (swift build), or set MINDREEL_BIN")
    return binary


def _environment(data_dir: Path, base_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # always the embedded SQLite in the temporary data directory
    # The defaults: an in-process worker, the default maximum video length.
    for name in ("MINDREEL_MAX_VIDEO_SECONDS", "MINDREEL_IN_PROCESS_WORKER", "MINDREEL_JOB_LEASE_SECONDS", "MEDIA_STORE"):
        env.pop(name, None)
    env.update(
        MINDREEL_DATA_DIR=str(data_dir),
        MINDREEL_BASE_URL=base_url,
        MINDREEL_SECRET_KEY_FILE=str(data_dir / "secret.key"),
        MINDREEL_BCRYPT_COST="8",
    )
    return env


@contextlib.contextmanager
def _serving(binary: Path, env: dict[str, str], port: int, data_dir: Path, log_path: Path, log_mode: str = "wb"):
    """Runs `mindreel serve` on `port` until the block ends, then stops it and removes `data_dir`."""
    base_url = f"http://127.0.0.1:{port}"
    with log_path.open(log_mode) as log:
        # Run from the repository root: the server finds Resources/ and Public/ there.
        process = subprocess.Popen(
            [str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"mindreel serve exited with code {process.returncode} before answering "
                    f"/healthz; its log ({log_path}):\n{_log_tail(log_path)}"
                )
            status = _healthz(base_url + "/healthz")
            if status == 200:
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"GET /healthz did not answer 200 within {STARTUP_SECONDS}s (last: {status}); "
                    f"server log ({log_path}):\n{_log_tail(log_path)}"
                )
            time.sleep(0.25)

        yield Server(base_url=base_url, data_dir=data_dir, log_path=log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    """A server with an empty database, shared by every test of the session: each test makes its
    own accounts and videos."""
    binary = _binary()
    port = free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="mindreel-browser-"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    env = _environment(data_dir, f"http://127.0.0.1:{port}")
    with _serving(binary, env, port, data_dir, ARTIFACTS / "browser-server.log") as running:
        yield running


@dataclass
class ClockServer(Server):
    """A server of its own whose clock a test moves forward (`MINDREEL_CLOCK_OFFSET_FILE`),
    with the licence check running every second and one moderator account. Its own, because
    moving the clock past 30 days ends every session on it."""

    offset_file: Path | None = None
    moderator: tuple[str, str] = ("clock_moderator", "clock-moderator-pass-42")

    def move_clock(self, days: float) -> None:
        """Sets the server's clock `days` ahead of the real one (0: back to real time)."""
        self.offset_file.write_text(str(int(days * 86400)))


@pytest.fixture(scope="module")
def clock_server():
    binary = _binary()
    port = free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="mindreel-browser-clock-"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    offset_file = data_dir / "clock-offset-seconds"
    offset_file.write_text("0")
    env = _environment(data_dir, f"http://127.0.0.1:{port}")
    env.update(MINDREEL_CLOCK_OFFSET_FILE=str(offset_file), MINDREEL_LICENCE_CHECK_SECONDS="1")
    handle, password = ClockServer.moderator
    for command, stdin in ((["migrate"], None), (["admin", "create", "--handle", handle, "--role", "moderator", "--password-stdin"], password)):
        done = subprocess.run([str(binary), *command], cwd=REPO_ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            pytest.fail(f"mindreel {' '.join(command)} failed: {done.stdout}{done.stderr}")
    with _serving(binary, env, port, data_dir, ARTIFACTS / "browser-clock-server.log") as running:
        yield ClockServer(base_url=running.base_url, data_dir=running.data_dir, log_path=running.log_path, offset_file=offset_file)


class _DemoSeed:
    """`mindreel seed --demo` for the demo server, started in the background as soon as the
    tests are collected (when any test asks for the demo server), so that its 1.5 to 2 minutes of
    ffmpeg and espeak-ng overlap the tests that need only the empty server; those run first
    (`pytest_collection_modifyitems`)."""

    def __init__(self):
        self.binary = _binary()
        self.port = free_port()
        self.data_dir = Path(tempfile.mkdtemp(prefix="mindreel-browser-demo-"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.log_path = ARTIFACTS / "browser-demo-server.log"
        self.env = _environment(self.data_dir, f"http://127.0.0.1:{self.port}")
        self.log = self.log_path.open("wb")
        self.log.write(b"$ mindreel seed --demo\n")
        self.log.flush()
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [str(self.binary), "seed", "--demo"],
            cwd=REPO_ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait(self):
        """The seed's exit code, or a sentence when it ran out of time."""
        try:
            code = self.process.wait(timeout=max(DEMO_SEED_SECONDS - (time.monotonic() - self.started), 1))
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            code = f"a timeout after {DEMO_SEED_SECONDS}s"
        self.log.write(b"\n$ mindreel serve\n")
        self.log.close()
        return code

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if not self.log.closed:
            self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


_demo_seed: _DemoSeed | None = None


def _uses_demo_server(item) -> bool:
    return "demo_server" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(session, config, items):
    global _demo_seed
    # Tests on the empty server first (in their usual order), while the demo seed runs.
    items.sort(key=_uses_demo_server)
    if any(_uses_demo_server(item) for item in items) and _demo_seed is None:
        _demo_seed = _DemoSeed()


def pytest_sessionfinish(session, exitstatus):
    if _demo_seed is not None:
        _demo_seed.stop()


@pytest.fixture(scope="session")
def demo_server():
    """A second server, started the same way on its own port and data directory, whose database
    holds the demo content: `mindreel seed --demo` runs first (with real ffmpeg and espeak-ng;
    1.5 to 2 minutes, in the background from the start of the session: `_DemoSeed`), so the demo
    creators (password DEMO_CREATOR_PASSWORD), their videos, likes, saves, comments, follows and
    views are there; demo_ana_counsellor and demo_lee_psychologist are verified clinicians in the
    demo practice, and demo_noor_explains's licence application waits for review. Tests that change demo content put it back before they end. Yields a
    `DemoServer`: a `Server` with `creator_password` and `creators`."""
    seed = _demo_seed or _DemoSeed()
    code = seed.wait()
    if code != 0:
        seed.stop()
        pytest.fail(f"mindreel seed --demo ended with {code}; its log ({seed.log_path}):\n{_log_tail(seed.log_path)}")
    with _serving(seed.binary, seed.env, seed.port, seed.data_dir, seed.log_path, log_mode="ab") as running:
        yield DemoServer(base_url=running.base_url, data_dir=running.data_dir, log_path=running.log_path)


class Browsers:
    """A factory for browsers; each call gives a new one with its own cookies."""

    def __init__(self):
        self.opened = []

    def __call__(self):
        driver = make_chrome()
        self.opened.append(driver)
        return driver


@pytest.fixture
def browsers(request):
    factory = Browsers()
    yield factory
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for index, driver in enumerate(factory.opened, start=1):
        try:
            if failed:
                # What the browser showed when the test failed.
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(SCREENSHOTS / f"FAILED-{request.node.name}-{index}.png"))
            driver.quit()
        except Exception:
            pass


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def driver(browsers):
    return browsers()
