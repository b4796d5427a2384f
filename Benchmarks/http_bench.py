#!/usr/bin/env python3
"""HTTP benchmark at scale: the For You feed (visitor and member), a video page and search, driven
by wrk over loopback against `mindreel serve` on the `seed --bench` catalogue, on SQLite and on
PostgreSQL.

For each database, in a fresh temporary data directory (and, for PostgreSQL, a fresh database in a
throwaway cluster started by scripts/with-temp-postgres.sh):
  - `mindreel seed --bench` (10,000 accounts, 100,000 videos, 1,000,000 views and likes), timed;
  - `mindreel serve` on 127.0.0.1 at a free port (log level warning, no in-process worker);
  - a bearer token for bench_user_00042 (POST /api/v1/auth/token) and a published video id from
    the visitor's feed;
  - for each endpoint: a check that it answers 200, a short warm-up, then one fixed wrk run
    (LOAD below) with its latency distribution: p50, p99, requests per second, and requests per
    second as a ratio of GET /healthz measured first on the same server in the same run.

Targets (SQLite only; PostgreSQL's figures are reported alongside): the feed's p99 at most 50 ms
and at least 25% of /healthz's requests per second, for the visitor and for the member; search's
p99 at most 100 ms. A search endpoint that answers 404 (not built yet) is reported as
"not available (404)" and skipped.

Any non-2xx/3xx response or socket error (connect, read, write, timeout) in a measured or warm-up
run makes that row INVALID and the exit status 1: a benchmark of error pages is worthless.
The table is printed and written, with every figure, to test-artifacts/bench/http.txt and
test-artifacts/bench/http.json; logs of the seed and the server go beside them.
Exit status: 0 when every row ran cleanly (whatever the figures against the targets), 1 when the
benchmark could not run or a row was invalid.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench_server import ARTIFACTS, REPO_ROOT, BenchError, Server, loopback_url, mindreel_env, start_server, stop_server
from upload_bench import Api

# The load: fixed, so that runs compare. --timeout only keeps slow answers in the latency figures
# (wrk's default of 2 s would drop them as socket errors).
WRK_THREADS = 2
WRK_CONNECTIONS = 16
WRK_TIMEOUT = "10s"

MEMBER_HANDLE = "bench_user_00042"
MEMBER_PASSWORD = "bench-pass-4242"

FEED_P99_MS = 50.0
FEED_MIN_RATIO = 0.25
SEARCH_P99_MS = 100.0

DATABASE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def wrk_command(duration: int) -> list[str]:
    return ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{duration}s", "--latency", "--timeout", WRK_TIMEOUT]


# --- wrk ------------------------------------------------------------------------------------------


@dataclass
class WrkResult:
    p50_ms: float
    p99_ms: float
    requests_per_s: float
    requests: int
    non_2xx_3xx: int
    socket_errors: dict[str, int]

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + sum(self.socket_errors.values())

    def error_text(self) -> str:
        parts = []
        if self.non_2xx_3xx:
            parts.append(f"{self.non_2xx_3xx} non-2xx/3xx")
        parts += [f"{count} {kind}" for kind, count in self.socket_errors.items() if count]
        return ", ".join(parts)


TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_time_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise BenchError(f"wrk printed a time I cannot read: {text!r}")
    return float(match.group(1)) * TIME_UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """The figures of `wrk --latency`'s report (wrk 4.x)."""
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s+(\d+) requests in ", output, re.MULTILINE)
    if "50" not in percentiles or "99" not in percentiles or not rate or not total:
        raise BenchError("wrk's report lacks the latency distribution, the request count or Requests/sec:\n" + output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = dict(zip(("connect", "read", "write", "timeout"), map(int, socket.groups()))) if socket else {
        "connect": 0, "read": 0, "write": 0, "timeout": 0}
    return WrkResult(
        p50_ms=parse_time_ms(percentiles["50"]),
        p99_ms=parse_time_ms(percentiles["99"]),
        requests_per_s=float(rate.group(1)),
        requests=int(total.group(1)),
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=socket_errors,
    )


def run_wrk(url: str, duration: int, headers: dict[str, str], log) -> WrkResult:
    command = wrk_command(duration)
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    finished = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120)
    shown = [part if not part.startswith("Authorization:") else "'Authorization: Bearer …'" for part in command]
    log.write(f"$ {' '.join(shown)}\n{finished.stdout}{finished.stderr}\n")
    log.flush()
    if finished.returncode != 0:
        raise BenchError(f"wrk ended with code {finished.returncode}: {finished.stderr.strip() or finished.stdout.strip()}")
    return parse_wrk(finished.stdout)


# --- The server -----------------------------------------------------------------------------------


def server_env(data_dir: Path, base_url: str, database_url: str | None) -> dict[str, str]:
    """The environment of both `mindreel seed --bench` and `mindreel serve`."""
    env = mindreel_env(
        data_dir,
        base_url,
        drop=("MEDIA_STORE", "MINDREEL_IN_PROCESS_WORKER", "MINDREEL_BCRYPT_COST", "MINDREEL_TRUSTED_PROXIES"),
        # Logging is not what this measures; no background worker competes for the cores.
        MINDREEL_LOG_LEVEL="warning",
        MINDREEL_IN_PROCESS_WORKER="false",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run_seed(binary: Path, env: dict[str, str], log_path: Path) -> tuple[float, int | None]:
    """`mindreel seed --bench`: the wall-clock seconds, and the seconds the seed reports itself
    (None when it found the data made already)."""
    started = time.monotonic()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(binary), "seed", "--bench"], cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        assert process.stdout is not None
        for line in process.stdout:
            log.write(line)
            log.flush()
            print("    " + line.rstrip(), flush=True)
        code = process.wait()
    seconds = time.monotonic() - started
    if code != 0:
        raise BenchError(f"mindreel seed --bench ended with code {code}; see {log_path}")
    reported = re.search(r"Bench data made in (\d+) s", log_path.read_text())
    return seconds, int(reported.group(1)) if reported else None


# --- PostgreSQL -----------------------------------------------------------------------------------


def local_postgres(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql") or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise BenchError(f"refusing a PostgreSQL server that is not on this machine: {parts.hostname!r}")
    return parts


def psql(url: str, statement: str) -> str:
    finished = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", statement], capture_output=True, text=True, timeout=60)
    if finished.returncode != 0:
        raise BenchError(f"psql {statement!r}: {finished.stderr.strip()}")
    return finished.stdout.strip()


def create_database(cluster_url: str) -> tuple[str, str]:
    """A fresh database in the cluster: (its URL, its name)."""
    parts = local_postgres(cluster_url)
    name = f"mindreel_bench_{os.getpid()}"
    psql(cluster_url, f"CREATE DATABASE {name}")
    return urllib.parse.urlunsplit(parts._replace(path="/" + name)), name


# --- One database -----------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    path: str
    member: bool = False
    status: str = "ok"  # ok | not available (404) | INVALID: …
    p50_ms: float | None = None
    p99_ms: float | None = None
    requests_per_s: float | None = None
    ratio_to_healthz: float | None = None
    requests: int | None = None
    non_2xx_3xx: int | None = None
    socket_errors: dict[str, int] | None = None
    warmup_errors: str = ""


@dataclass
class Check:
    target: str
    value: str
    verdict: str  # PASS | FAIL | n/a


@dataclass
class DatabaseResult:
    database: str
    seed_seconds: float | None = None
    seed_reported_seconds: int | None = None
    seed_note: str = ""
    server_version: str = ""
    rows: list[Row] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    error: str = ""


def get(url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def member_token(base_url: str) -> str:
    api = Api(base_url)
    status, _, body = api.call("POST", "/api/v1/auth/token", {"handle": MEMBER_HANDLE, "password": MEMBER_PASSWORD, "name": "http bench"})
    if status not in (200, 201):
        raise BenchError(f"POST /api/v1/auth/token for {MEMBER_HANDLE} answered {status}: {body[:300]!r}")
    return json.loads(body)["token"]


def published_video_id(base_url: str) -> str:
    status, body = get(base_url + "/api/v1/feed", {})
    if status != 200:
        raise BenchError(f"GET /api/v1/feed answered {status}: {body[:300]!r}")
    items = json.loads(body).get("items") or []
    if not items:
        raise BenchError("GET /api/v1/feed listed no video: is the bench catalogue there?")
    return str(items[0]["video"]["id"]).lower()


def settle(server: Server) -> None:
    """Waits until the server has worked off what wrk left in flight when it stopped: one
    request through the database queue after a pause, so no run measures its predecessor's tail."""
    time.sleep(1.0)
    status, _ = get(server.base_url + "/healthz", {})
    if status != 200:
        raise BenchError(f"GET /healthz answered {status} between runs")


def measure(server: Server, rows: list[Row], token: str, duration: int, warmup: int, wrk_log) -> None:
    """Runs wrk on each row in turn (the first is /healthz, the baseline)."""
    for row in rows:
        url = server.base_url + row.path
        headers = {"Authorization": f"Bearer {token}"} if row.member else {}
        status, body = get(url, headers)
        if status == 404 and row.key.startswith("search"):
            row.status = "not available (404)"
            print(f"  {row.label}: not available (404)", flush=True)
            continue
        if status != 200:
            row.status = f"INVALID: GET {row.path} answered {status}"
            print(f"  {row.label}: {row.status}: {body[:200]!r}", flush=True)
            continue
        print(f"  {row.label}: warm-up {warmup} s, then {duration} s …", flush=True)
        if warmup > 0:
            warm = run_wrk(url, warmup, headers, wrk_log)
            if warm.errors:
                row.warmup_errors = warm.error_text()
            settle(server)
        result = run_wrk(url, duration, headers, wrk_log)
        settle(server)
        row.p50_ms, row.p99_ms, row.requests_per_s = result.p50_ms, result.p99_ms, result.requests_per_s
        row.requests, row.non_2xx_3xx, row.socket_errors = result.requests, result.non_2xx_3xx, result.socket_errors
        problems = [p for p in (result.error_text(), row.warmup_errors and f"warm-up: {row.warmup_errors}") if p]
        if result.requests == 0:
            problems.append(f"no request completed in {duration} s")
        if problems:
            row.status = "INVALID: " + "; ".join(problems)
        print(
            f"    p50 {row.p50_ms:.2f} ms, p99 {row.p99_ms:.2f} ms, {row.requests_per_s:.1f} req/s"
            + (f"  [{row.status}]" if row.status != "ok" else ""),
            flush=True,
        )
    baseline = rows[0]
    for row in rows:
        if row.requests_per_s is not None and baseline.requests_per_s:
            row.ratio_to_healthz = row.requests_per_s / baseline.requests_per_s


def evaluate(result: DatabaseResult) -> None:
    """The targets (they bind SQLite; for PostgreSQL the same checks are listed for information)."""
    baseline = result.rows[0]
    for row in result.rows:
        measured = row.status == "ok" and row.p99_ms is not None
        unmeasured = "invalid run" if row.status.startswith("INVALID") else row.status
        if row.key.startswith("feed"):
            if not measured:
                result.checks.append(Check(f"{row.label}: p99 ≤ {FEED_P99_MS:.0f} ms, ≥ {FEED_MIN_RATIO:.0%} of /healthz", unmeasured, "n/a"))
                continue
            result.checks.append(Check(
                f"{row.label}: p99 ≤ {FEED_P99_MS:.0f} ms", f"{row.p99_ms:.1f} ms", "PASS" if row.p99_ms <= FEED_P99_MS else "FAIL"))
            ratio_ok = baseline.status == "ok" and row.ratio_to_healthz is not None and row.ratio_to_healthz >= FEED_MIN_RATIO
            value = f"{row.ratio_to_healthz:.1%}" if row.ratio_to_healthz is not None and baseline.status == "ok" else "no valid baseline"
            result.checks.append(Check(f"{row.label}: ≥ {FEED_MIN_RATIO:.0%} of /healthz req/s", value, "PASS" if ratio_ok else "FAIL"))
        elif row.key.startswith("search"):
            verdict = ("PASS" if row.p99_ms <= SEARCH_P99_MS else "FAIL") if measured else "n/a"
            value = f"{row.p99_ms:.1f} ms" if measured else unmeasured
            result.checks.append(Check(f"{row.label}: p99 ≤ {SEARCH_P99_MS:.0f} ms", value, verdict))


def endpoint_rows(video_id: str, queries: list[str]) -> list[Row]:
    rows = [
        Row("healthz", "GET /healthz (baseline)", "/healthz"),
        Row("feed_visitor", "For You feed, visitor", "/api/v1/feed"),
        Row("feed_member", "For You feed, member", "/api/v1/feed", member=True),
        Row("video_page", "video page /v/{id}", f"/v/{video_id}"),
    ]
    for query in queries:
        rows.append(Row(f"search_{query}", f"search q={query}", "/api/v1/search?" + urllib.parse.urlencode({"q": query})))
    return rows


def bench_database(database: str, args, cluster_url: str | None) -> DatabaseResult:
    name = DATABASE_NAMES[database]
    result = DatabaseResult(database)
    print(f"== {name}", flush=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if args.data_dir:
        work = None
        data_dir = Path(args.data_dir).resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix=f"mindreel-http-bench-{database}-"))
        data_dir = work / "data"
        data_dir.mkdir()
    database_url = None
    database_name = None
    server = None
    try:
        if database == "postgres":
            if not cluster_url:
                raise BenchError("no PostgreSQL cluster (TEST_POSTGRES_URL)")
            database_url, database_name = create_database(cluster_url)
            result.server_version = "PostgreSQL " + psql(database_url, "SHOW server_version")
            print(f"  database {database_name} in the throwaway cluster ({result.server_version})", flush=True)
        else:
            result.server_version = "SQLite (sqlite-nio's bundled library), file in the data directory"
        base_url = loopback_url()
        env = server_env(data_dir, base_url, database_url)

        print("  mindreel seed --bench …", flush=True)
        result.seed_seconds, result.seed_reported_seconds = run_seed(args.binary, env, ARTIFACTS / f"http-seed-{database}.log")
        if result.seed_reported_seconds is None:
            result.seed_note = "made already (reused data directory): not a seed time"
        print(f"  seed: {result.seed_seconds:.1f} s wall clock (migrations and process start included)", flush=True)
        if args.seed_only:
            return result

        server = start_server(args.binary, env, base_url, ARTIFACTS / f"http-server-{database}.log", ready_within=120, data_dir=data_dir)
        token = member_token(base_url)
        video_id = published_video_id(base_url)
        result.rows = endpoint_rows(video_id, args.search_queries)
        with (ARTIFACTS / f"http-wrk-{database}.log").open("w") as wrk_log:
            measure(server, result.rows, token, args.duration, args.warmup, wrk_log)
        if server.process.poll() is not None:
            raise BenchError(f"mindreel serve exited during the run (code {server.process.returncode})")
        evaluate(result)
        return result
    except (BenchError, OSError, subprocess.SubprocessError) as error:
        result.error = str(error)
        print(f"error ({name}): {error}", file=sys.stderr, flush=True)
        return result
    finally:
        if server is not None:
            stop_server(server)
        if args.keep:
            print(f"  kept: data directory {data_dir}" + (f", database {database_url}" if database_url else ""), flush=True)
        else:
            if work is not None:
                shutil.rmtree(work, ignore_errors=True)
            if database_name and cluster_url:
                try:
                    psql(cluster_url, f"DROP DATABASE IF EXISTS {database_name}")
                except BenchError:
                    pass


def bench_postgres_in_throwaway_cluster(args) -> DatabaseResult:
    """Runs this script again inside scripts/with-temp-postgres.sh, which starts a throwaway
    cluster (exported as TEST_POSTGRES_URL) and removes it afterwards."""
    with tempfile.NamedTemporaryFile(prefix="mindreel-http-bench-", suffix=".json", delete=False) as handoff:
        handoff_path = Path(handoff.name)
    command = [
        str(REPO_ROOT / "scripts" / "with-temp-postgres.sh"), sys.executable, str(Path(__file__).resolve()),
        "--binary", str(args.binary), "--databases", "postgres", "--duration", str(args.duration), "--warmup", str(args.warmup),
        "--search", ",".join(args.search_queries), "--inner-result", str(handoff_path),
    ]
    if args.seed_only:
        command.append("--seed-only")
    if args.keep:
        command.append("--keep")
    try:
        env = dict(os.environ)
        env.pop("TEST_POSTGRES_URL", None)
        finished = subprocess.run(command, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL)
        text = handoff_path.read_text() if handoff_path.exists() else ""
        if not text:
            return DatabaseResult("postgres", error=f"the PostgreSQL run ended with code {finished.returncode} and no result")
        return result_from_json(json.loads(text))
    finally:
        handoff_path.unlink(missing_ok=True)


def result_from_json(data: dict) -> DatabaseResult:
    rows = [Row(**row) for row in data.pop("rows")]
    checks = [Check(**check) for check in data.pop("checks")]
    return DatabaseResult(**data, rows=rows, checks=checks)


# --- Report -----------------------------------------------------------------------------------------


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    except (OSError, AttributeError):
        memory_kib = 0
    return {"cpus": os.cpu_count(), "cpu_model": model, "memory_gib": round(memory_kib / 1024 / 1024, 1),
            "kernel": platform.release(), "system": platform.system()}


def git_commit() -> str:
    finished = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    commit = finished.stdout.strip() or "unknown"
    return commit + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def wrk_version() -> str:
    finished = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    match = re.search(r"wrk (\S+)", finished.stdout + finished.stderr)
    return match.group(1) if match else "unknown"


def fmt(value: float | None, spec: str) -> str:
    return "" if value is None else format(value, spec)


def report(meta: list[str], results: list[DatabaseResult]) -> str:
    lines = list(meta)
    header = f"{'database':<11} {'endpoint':<28} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>9} {'× healthz':>9} {'requests':>9}  status"
    for result in results:
        name = DATABASE_NAMES[result.database]
        lines.append("")
        seed = f"{result.seed_seconds:.1f} s wall clock" if result.seed_seconds is not None else "did not run"
        if result.seed_reported_seconds is not None:
            seed += f" (the seed's own figure: {result.seed_reported_seconds} s)"
        if result.seed_note:
            seed += f" — {result.seed_note}"
        lines.append(f"{name}: {result.server_version}; seed --bench: {seed}")
        if result.error:
            lines.append(f"  ERROR: {result.error}")
        if not result.rows:
            continue
        lines.append(header)
        lines.append("-" * len(header))
        for row in result.rows:
            lines.append(
                f"{name:<11} {row.label:<28} {fmt(row.p50_ms, '.2f'):>8} {fmt(row.p99_ms, '.2f'):>8} {fmt(row.requests_per_s, '.1f'):>9} "
                f"{fmt(row.ratio_to_healthz, '.3f'):>9} {fmt(row.requests, 'd'):>9}  {row.status}"
            )
        binding = result.database == "sqlite"
        lines.append("targets" + ("" if binding else " (they bind SQLite; shown here for information)") + ":")
        for check in result.checks:
            lines.append(f"  {check.target:<48} {check.value:>20}  {check.verdict}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/mindreel", help="the mindreel executable (default: %(default)s)")
    parser.add_argument("--databases", default="sqlite,postgres", help="comma-separated: sqlite, postgres (default: %(default)s)")
    parser.add_argument("--duration", type=int, default=20, help="seconds of each measured wrk run (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk on each endpoint before it is measured (default: %(default)s)")
    parser.add_argument("--search", default="anx,sleep", help="comma-separated search queries, one row each (default: %(default)s)")
    parser.add_argument("--seed-only", action="store_true", help="seed each database and report the seed time; no HTTP runs")
    parser.add_argument("--keep", action="store_true", help="keep the data directory (and the PostgreSQL database) and print where")
    parser.add_argument("--data-dir", help="SQLite only: use (and keep) this data directory; a seeded one is reused, for development")
    parser.add_argument("--inner-result", help=argparse.SUPPRESS)  # the PostgreSQL run inside with-temp-postgres.sh
    args = parser.parse_args()

    args.binary = Path(args.binary)
    if not args.binary.is_absolute():
        args.binary = REPO_ROOT / args.binary
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = [d for d in databases if d not in DATABASE_NAMES]
    if unknown or not databases:
        parser.error(f"--databases takes sqlite and/or postgres, not {args.databases!r}")
    args.search_queries = [q.strip() for q in args.search.split(",") if q.strip()]
    if args.data_dir and databases != ["sqlite"]:
        parser.error("--data-dir is for a SQLite-only run (--databases sqlite)")
    if args.data_dir:
        args.keep = True
    if not os.access(args.binary, os.X_OK):
        print(f"error: no server binary at {args.binary}; build it first (swift build -c release)", file=sys.stderr)
        return 1
    for tool in ("wrk",) + (("psql",) if "postgres" in databases else ()):
        if shutil.which(tool) is None:
            print(f"error: {tool} is not installed (scripts/install-deps.sh test)", file=sys.stderr)
            return 1

    if args.inner_result:
        # Inside with-temp-postgres.sh: measure, hand the figures back, print no report.
        result = bench_database("postgres", args, os.environ.get("TEST_POSTGRES_URL"))
        Path(args.inner_result).write_text(json.dumps(asdict(result)))
        return 0

    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    results = []
    for database in databases:
        if database == "postgres" and not os.environ.get("TEST_POSTGRES_URL"):
            results.append(bench_postgres_in_throwaway_cluster(args))
        else:
            results.append(bench_database(database, args, os.environ.get("TEST_POSTGRES_URL")))

    command = " ".join(wrk_command(args.duration)) + " [-H 'Authorization: Bearer …'] URL"
    info = machine()
    meta = [
        f"Mindreel HTTP benchmark — {started}",
        f"binary: {args.binary.relative_to(REPO_ROOT) if args.binary.is_relative_to(REPO_ROOT) else args.binary}; commit {git_commit()}",
        f"machine: {info['cpus']} CPUs ({info['cpu_model']}), {info['memory_gib']} GiB, {info['system']} {info['kernel']}; "
        "server, database and wrk share it; loopback",
        f"load: wrk {wrk_version()}: {command}; {args.warmup} s warm-up per endpoint first",
        f"data: mindreel seed --bench (10,000 accounts, 100,000 videos, 1,000,000 views and likes); member {MEMBER_HANDLE}",
        "server: mindreel serve, MINDREEL_LOG_LEVEL=warning, MINDREEL_IN_PROCESS_WORKER=false; × healthz = req/s ÷ GET /healthz's req/s",
    ]
    text = report(meta, results)
    invalid = [
        f"{DATABASE_NAMES[r.database]}: {row.label}: {row.status}" for r in results for row in r.rows if row.status.startswith("INVALID")
    ]
    failed = [f"{DATABASE_NAMES[r.database]}: {r.error}" for r in results if r.error]
    print()
    print(text, end="")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "http.txt").write_text(text)
    document = {
        "benchmark": "http",
        "date": started,
        "binary": str(args.binary),
        "commit": git_commit(),
        "machine": info,
        "load": {
            "tool": f"wrk {wrk_version()}", "command": command, "threads": WRK_THREADS, "connections": WRK_CONNECTIONS,
            "duration_s": args.duration, "timeout": WRK_TIMEOUT, "warmup_s": args.warmup,
        },
        "targets": {
            "binding_database": "sqlite", "feed_p99_ms_max": FEED_P99_MS, "feed_min_ratio_to_healthz": FEED_MIN_RATIO,
            "search_p99_ms_max": SEARCH_P99_MS,
        },
        "databases": {r.database: asdict(r) for r in results},
        "valid": not invalid and not failed,
        "problems": failed + invalid,
    }
    (ARTIFACTS / "http.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"(written to {(ARTIFACTS / 'http.txt').relative_to(REPO_ROOT)} and {(ARTIFACTS / 'http.json').relative_to(REPO_ROOT)})")
    if failed or invalid:
        print("\nerror: this run is not a valid benchmark:", file=sys.stderr)
        for problem in failed + invalid:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
