"""Starts the built `mindreel serve` once per test session, with its own data directory and port,
and gives each test fresh headless Chromium browsers (each with its own cookies)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import ARTIFACTS, REPO_ROOT, SCREENSHOTS, Server, free_port, make_chrome

STARTUP_SECONDS = 60


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


@pytest.fixture(scope="session")
def server():
    binary = Path(os.environ.get("MINDREEL_BIN", ".build/debug/mindreel"))
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    if not os.access(binary, os.X_OK):
        pytest.fail(f"no server binary at {binary}: build it first (swift build), or set MINDREEL_BIN")

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    data_dir = Path(tempfile.mkdtemp(prefix="mindreel-browser-"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "browser-server.log"

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
    with log_path.open("wb") as log:
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
