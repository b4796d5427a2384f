#!/usr/bin/env python3
"""Upload benchmark: a 500 MiB tus upload over loopback to a freshly started `mindreel serve`.

Reports, as figures measured in this run on this machine:
  - the baseline: `cp` of the same file into the server's data directory (disk and page cache);
  - one streaming PATCH of the whole file with curl, as a tus client on a good connection sends it;
  - 8 MiB PATCHes with SHA-1 checksums, as the web page sends them (--no-chunked skips it);
  - throughput in MiB/s and as a ratio to the `cp` baseline;
  - the server's memory during each upload: peak VmRSS above the idle VmRSS measured just
    before (sampled from /proc/<pid>/status every 50 ms), and VmHWM; target at most 64 MiB
    above idle (PASS/FAIL is printed, but the exit status is 0 either way: the figures are the
    product);
  - that the stored file (<data dir>/media/uploads/<id>/original) has the source's SHA-256.

The results also go to test-artifacts/bench/upload.txt; the server's log to
test-artifacts/bench/upload-server.log. `make bench` builds the release binary and runs this.
Exit status: 0 when the benchmark ran (whatever the figures), 1 when it could not run or the
stored file differs from the source.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench_server import ARTIFACTS, REPO_ROOT, BenchError, Server, loopback_url, mindreel_env, start_server, stop_server

MIB = 1024 * 1024
MEMORY_TARGET_MIB = 64
SAMPLE_SECONDS = 0.05
TUS = {"Tus-Resumable": "1.0.0"}


# --- The server's memory ------------------------------------------------------------------------


def read_status_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in KiB."""
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0])
    return values


class MemorySampler:
    """Samples a process's VmRSS every 50 ms on a thread, between start() and stop()."""

    def __init__(self, pid: int):
        self.pid = pid
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.samples.append(read_status_kib(self.pid)["VmRSS"])
            except (FileNotFoundError, ProcessLookupError, KeyError):
                return
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_kib(self) -> int:
        return max(self.samples) if self.samples else 0


def idle_rss_kib(pid: int, seconds: float = 1.0) -> int:
    """The server's resident memory at rest: the median over a second of samples."""
    samples = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        samples.append(read_status_kib(pid)["VmRSS"])
        time.sleep(SAMPLE_SECONDS)
    samples.sort()
    return samples[len(samples) // 2]


# --- Talking to the server ----------------------------------------------------------------------


@dataclass
class Api:
    base_url: str
    token: str = ""

    def call(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Accept": "application/json"}
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        all_headers.update(headers or {})
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=all_headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def create_upload(self, size: int, name: str) -> str:
        metadata = "filename " + base64.b64encode(name.encode()).decode()
        metadata += ",filetype " + base64.b64encode(b"application/octet-stream").decode()
        status, headers, body = self.call(
            "POST", "/api/v1/uploads", headers={**TUS, "Upload-Length": str(size), "Upload-Metadata": metadata}
        )
        location = headers.get("Location")
        if status != 201 or not location:
            raise BenchError(f"POST /api/v1/uploads answered {status} (Location {location!r}): {body[:300]!r}")
        return location

    def offsets(self, location: str) -> tuple[int, int]:
        status, headers, body = self.call("HEAD", location, headers=TUS)
        if status != 200:
            raise BenchError(f"HEAD {location} answered {status}")
        return int(headers.get("Upload-Offset", -1)), int(headers.get("Upload-Length", -1))


def sign_up_with_token(api: Api) -> None:
    handle = f"bench_{os.getpid()}"
    password = "steady-harbour-4821"
    status, _, body = api.call(
        "POST",
        "/api/v1/accounts",
        {"handle": handle, "display_name": "Benchmark", "email": f"{handle}@example.com", "password": password, "birth_year": 1990},
    )
    if status != 201:
        raise BenchError(f"POST /api/v1/accounts answered {status}: {body[:300]!r}")
    status, _, body = api.call("POST", "/api/v1/auth/token", {"handle": handle, "password": password})
    if status not in (200, 201):
        raise BenchError(f"POST /api/v1/auth/token answered {status}: {body[:300]!r}")
    api.token = json.loads(body)["token"]


# --- Measurements ---------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    seconds: float
    size: int
    peak_above_idle_kib: int | None = None
    hwm_kib: int | None = None
    idle_kib: int | None = None
    verified: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def mib_per_s(self) -> float:
        return self.size / MIB / self.seconds if self.seconds > 0 else 0.0


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(4 * MIB):
            digest.update(block)
    return digest.hexdigest()


def make_source(path: Path, size_mib: int) -> None:
    with path.open("wb") as out:
        subprocess.run(["head", "-c", f"{size_mib}M", "/dev/urandom"], stdout=out, check=True)


def baseline_cp(source: Path, data_dir: Path) -> Result:
    target = data_dir / "baseline-copy.bin"
    started = time.monotonic()
    subprocess.run(["cp", str(source), str(target)], check=True)
    seconds = time.monotonic() - started
    target.unlink()
    return Result("cp into the data dir (baseline)", seconds, source.stat().st_size)


class Sink:
    """A trivial HTTP server on loopback that reads one request body and throws it away: what
    curl and the loopback interface can do with no application behind them."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(1)
        self.port = self.socket.getsockname()[1]
        self.received = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        connection, _ = self.socket.accept()
        with connection:
            head = b""
            while b"\r\n\r\n" not in head:
                data = connection.recv(65536)
                if not data:
                    return
                head += data
            header, _, rest = head.partition(b"\r\n\r\n")
            length = 0
            for line in header.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            received = len(rest)
            buffer = bytearray(4 * MIB)
            while received < length:
                count = connection.recv_into(buffer)
                if count == 0:
                    break
                received += count
            self.received = received
            connection.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        self.socket.close()


def baseline_loopback(source: Path) -> Result:
    sink = Sink()
    command = [
        "curl", "-sS", "-X", "PUT", "-T", str(source), "-o", "/dev/null", "-w", "%{http_code}",
        "-H", "Expect:", f"http://127.0.0.1:{sink.port}/sink",
    ]
    started = time.monotonic()
    finished = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    sink.thread.join(timeout=10)
    if finished.stdout.strip() != "204" or sink.received != source.stat().st_size:
        raise BenchError(f"curl PUT to the loopback sink: HTTP {finished.stdout.strip()!r}, {sink.received} bytes received")
    return Result("curl PUT to a loopback sink", seconds, source.stat().st_size)


def verify_stored(api: Api, server: Server, location: str, source: Path, source_sha: str) -> str:
    size = source.stat().st_size
    offset, length = api.offsets(location)
    if not offset == length == size:
        raise BenchError(f"HEAD {location}: Upload-Offset {offset}, Upload-Length {length}, expected {size}")
    stored = server.data_dir / "media" / "uploads" / location.rstrip("/").rsplit("/", 1)[1] / "original"
    if not stored.is_file():
        raise BenchError(f"the finished upload is not at {stored}")
    if sha256_of(stored) != source_sha:
        raise BenchError(f"{stored} differs from the source (SHA-256)")
    stored.unlink()  # checked; the next run needs the disk space more
    return "sha256 ok"


def upload_streaming(api: Api, server: Server, source: Path, source_sha: str) -> Result:
    """One PATCH of the whole file with curl (it streams the file; nothing is held whole)."""
    size = source.stat().st_size
    location = api.create_upload(size, "bench-stream.bin")
    idle = idle_rss_kib(server.pid)
    # `Expect:` (empty) stops curl from waiting up to a second for a `100 Continue` first.
    command = [
        "curl", "-sS", "-X", "PATCH", "-T", str(source), "-o", "/dev/null", "-w", "%{http_code}",
        "-H", "Expect:", "-H", "Content-Type: application/offset+octet-stream", "-H", "Upload-Offset: 0",
        "-H", "Tus-Resumable: 1.0.0", "-H", f"Authorization: Bearer {api.token}",
        server.base_url + location,
    ]
    with MemorySampler(server.pid) as sampler:
        started = time.monotonic()
        finished = subprocess.run(command, capture_output=True, text=True)
        seconds = time.monotonic() - started
    if finished.returncode != 0 or finished.stdout.strip() != "204":
        raise BenchError(f"curl PATCH ended with code {finished.returncode}, HTTP {finished.stdout.strip()!r}: {finished.stderr.strip()}")
    hwm = read_status_kib(server.pid)["VmHWM"]
    verified = verify_stored(api, server, location, source, source_sha)
    return Result("tus, one streaming PATCH (curl)", seconds, size, sampler.peak_kib - idle, hwm, idle, verified)


def upload_chunked(api: Api, server: Server, source: Path, source_sha: str, chunk: int) -> Result:
    """PATCHes of `chunk` bytes, each with `Upload-Checksum: sha1 …`, over one kept-alive
    connection: what the web page does (the checksum is computed while timing, as there)."""
    size = source.stat().st_size
    location = api.create_upload(size, "bench-chunked.bin")
    idle = idle_rss_kib(server.pid)
    host = server.base_url.removeprefix("http://")
    connection = http.client.HTTPConnection(host, timeout=120)
    offset = 0
    with MemorySampler(server.pid) as sampler, source.open("rb") as f:
        started = time.monotonic()
        while offset < size:
            body = f.read(chunk)
            checksum = base64.b64encode(hashlib.sha1(body).digest()).decode()
            connection.request(
                "PATCH",
                location,
                body=body,
                headers={
                    **TUS,
                    "Authorization": f"Bearer {api.token}",
                    "Content-Type": "application/offset+octet-stream",
                    "Upload-Offset": str(offset),
                    "Upload-Checksum": f"sha1 {checksum}",
                },
            )
            response = connection.getresponse()
            answer = response.read()
            if response.status != 204:
                raise BenchError(f"PATCH at offset {offset} answered {response.status}: {answer[:300]!r}")
            offset = int(response.getheader("Upload-Offset"))
        seconds = time.monotonic() - started
    connection.close()
    hwm = read_status_kib(server.pid)["VmHWM"]
    verified = verify_stored(api, server, location, source, source_sha)
    name = f"tus, {chunk // MIB} MiB PATCHes + sha1"
    return Result(name, seconds, size, sampler.peak_kib - idle, hwm, idle, verified)


def repeated(runs: int, measure) -> Result:
    """Runs a measurement `runs` times: the median time, the highest memory."""
    results = [measure() for _ in range(runs)]
    results.sort(key=lambda r: r.seconds)
    middle = results[len(results) // 2]
    combined = Result(middle.name, middle.seconds, middle.size, verified=middle.verified)
    if all(r.peak_above_idle_kib is not None for r in results):
        combined.peak_above_idle_kib = max(r.peak_above_idle_kib for r in results)
        combined.hwm_kib = max(r.hwm_kib for r in results)
        combined.idle_kib = min(r.idle_kib for r in results)
    if runs > 1 and middle.verified:
        combined.verified = f"{middle.verified} ×{runs}"
    return combined


# --- Report ---------------------------------------------------------------------------------------


def report(results: list[Result], baseline: Result, meta: list[str]) -> str:
    lines = list(meta)
    lines.append("")
    header = f"{'measurement':<36} {'seconds':>8} {'MiB/s':>8} {'vs cp':>6} {'peak RSS above idle':>20} {'VmHWM':>9}  stored file"
    lines.append(header)
    lines.append("-" * len(header))
    for r in [baseline, *results]:
        ratio = r.mib_per_s / baseline.mib_per_s if baseline.mib_per_s else 0.0
        above = "" if r.peak_above_idle_kib is None else f"{r.peak_above_idle_kib / 1024:.1f} MiB"
        hwm = "" if r.hwm_kib is None else f"{r.hwm_kib / 1024:.0f} MiB"
        lines.append(f"{r.name:<36} {r.seconds:>8.2f} {r.mib_per_s:>8.1f} {ratio:>6.2f} {above:>20} {hwm:>9}  {r.verified}")
    lines.append("")
    if any(r.peak_above_idle_kib is not None for r in results):
        uploads = [r for r in results if r.peak_above_idle_kib is not None]
        lines.append("lowest idle RSS before an upload: " + ", ".join(f"{r.idle_kib / 1024:.1f} MiB ({r.name})" for r in uploads))
        worst = max(r.peak_above_idle_kib for r in uploads)
        verdict = "PASS" if worst / 1024 <= MEMORY_TARGET_MIB else "FAIL"
        lines.append(
            f"memory target: at most {MEMORY_TARGET_MIB} MiB above idle during an upload: "
            f"{verdict} (worst {worst / 1024:.1f} MiB)"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/mindreel", help="the mindreel executable (default: %(default)s)")
    parser.add_argument("--size-mib", type=int, default=500, help="size of the uploaded file (default: %(default)s)")
    parser.add_argument("--chunk-mib", type=int, default=8, help="chunk size of the chunked variant (default: %(default)s)")
    parser.add_argument("--no-chunked", action="store_true", help="skip the chunked variant")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the median is reported (default: %(default)s)")
    args = parser.parse_args()

    binary = Path(args.binary)
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    if not os.access(binary, os.X_OK):
        print(f"error: no server binary at {binary}; build it first (swift build -c release)", file=sys.stderr)
        return 1
    for tool in ("curl", "cp", "head"):
        if shutil.which(tool) is None:
            print(f"error: {tool} is not installed", file=sys.stderr)
            return 1

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mindreel-bench-"))
    data_dir = work / "data"
    data_dir.mkdir()
    source = work / "source.bin"
    server = None
    try:
        print(f"making a {args.size_mib} MiB file of random bytes …", flush=True)
        make_source(source, args.size_mib)
        source_sha = sha256_of(source)  # also brings the file into the page cache for every run

        base_url = loopback_url()
        env = mindreel_env(data_dir, base_url, MINDREEL_BCRYPT_COST="4", MINDREEL_LOG_LEVEL="warning")
        server = start_server(binary, env, base_url, ARTIFACTS / "upload-server.log", ready_within=60, data_dir=data_dir)
        api = Api(server.base_url)
        sign_up_with_token(api)

        runs = max(1, args.runs)
        print(f"baseline: cp ({runs}×) …", flush=True)
        baseline = repeated(runs, lambda: baseline_cp(source, data_dir))
        print(f"baseline: curl to a loopback sink ({runs}×) …", flush=True)
        results = [repeated(runs, lambda: baseline_loopback(source))]
        print(f"tus: one streaming PATCH ({runs}×) …", flush=True)
        results.append(repeated(runs, lambda: upload_streaming(api, server, source, source_sha)))
        if not args.no_chunked:
            print(f"tus: {args.chunk_mib} MiB PATCHes with checksums ({runs}×) …", flush=True)
            results.append(repeated(runs, lambda: upload_chunked(api, server, source, source_sha, args.chunk_mib * MIB)))

        meta = [
            f"Mindreel upload benchmark — {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
            f"binary: {binary.relative_to(REPO_ROOT) if binary.is_relative_to(REPO_ROOT) else binary}",
            f"file: {args.size_mib} MiB of random bytes; loopback; SQLite; local-disk storage; {os.cpu_count()} CPUs",
            f"each figure: the median time of {runs} runs; memory: the highest of the runs",
        ]
        text = report(results, baseline, meta)
        print()
        print(text, end="")
        (ARTIFACTS / "upload.txt").write_text(text)
        print(f"(written to {(ARTIFACTS / 'upload.txt').relative_to(REPO_ROOT)})")
        return 0
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
