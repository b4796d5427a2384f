#!/usr/bin/env python3
"""Media benchmark: upload-to-ready time of a 60 s 1080×1920 clip through a freshly started
`mindreel serve`, against the same ffmpeg commands run directly in the same run.

Reports, as figures measured in this run on this machine:
  - pipeline: a tus upload (one PATCH, bearer token) → POST /api/v1/videos → polling
    GET /api/v1/videos/{id} until `processing_state` is `ready` (the 720p rendition and the poster
    exist); upload-to-ready seconds, and the part from POST /api/v1/videos to ready;
  - direct: the ffprobe/ffmpeg command lines the worker ran for that video up to ready, read
    from the server's log (`ffmpeg command: …` at info level), run one after the other with the
    same input file, outputs in a scratch folder;
  - overhead: (pipeline − direct) / direct, target at most 10% (PASS/FAIL is printed; the exit
    status is 0 either way: the figures are the product).

The follow-up 360p job runs after ready; each measurement waits until it has finished, so it
never competes with the next one. When the log has no command lines (a server that does not log
them), the direct run uses the equivalent commands written out below and the report says so.

Written to test-artifacts/bench/media.txt; the server's log to test-artifacts/bench/media-server.log.
Exit status: 0 when the benchmark ran, 1 when it could not run (no binary, a failed video, …).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_server import ARTIFACTS, REPO_ROOT, BenchError, Server, loopback_url, mindreel_env, start_server, stop_server
from upload_bench import Api, sign_up_with_token

OVERHEAD_TARGET = 0.10
POLL_SECONDS = 0.1
READY_TIMEOUT = 600
COMMAND_MARK = re.compile(r"(ffmpeg|ffprobe) command: (.*)$")
# Vapor's console logger appends a logger's metadata as ` [key: value, …]`.
METADATA_TAIL = re.compile(r" \[[A-Za-z_][\w.-]*: [^\[\]]*\]$")


# --- The clip -------------------------------------------------------------------------------------


def make_clip(path: Path, seconds: int) -> None:
    """A portrait 1080×1920 H.264 (High) / AAC clip at about 8 Mb/s, as a phone records."""
    # fmt: off
    command = [
        "ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=1080x1920:rate=30",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", str(seconds),
        "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-preset", "veryfast",
        "-b:v", "8M", "-maxrate", "8M", "-bufsize", "16M",
        "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart",
        str(path),
    ]
    # fmt: on
    subprocess.run(command, check=True, timeout=1200)


# --- The server -----------------------------------------------------------------------------------


def start_media_server(binary: Path, data_dir: Path, log_path: Path) -> Server:
    """`mindreel serve` with its in-process worker (the embedded default), logging at info level
    so that the worker's ffmpeg command lines are in the log."""
    base_url = loopback_url()
    env = mindreel_env(
        data_dir,
        base_url,
        drop=("MEDIA_STORE", "MINDREEL_MAX_VIDEO_SECONDS", "MINDREEL_IN_PROCESS_WORKER", "MINDREEL_FFMPEG_CONCURRENCY"),
        MINDREEL_BCRYPT_COST="4",
        MINDREEL_LOG_LEVEL="info",
    )
    return start_server(binary, env, base_url, log_path, ready_within=60, data_dir=data_dir)


# --- The pipeline ---------------------------------------------------------------------------------


@dataclass
class PipelineRun:
    video_id: str
    upload_id: str
    upload_seconds: float
    upload_to_ready: float
    create_to_ready: float
    log_start: int
    log_end: int


def api_json(api: Api, method: str, path: str, body: dict | None = None, expect: tuple[int, ...] = (200,)):
    status, _, raw = api.call(method, path, body)
    if status not in expect:
        raise BenchError(f"{method} {path} answered {status}: {raw[:400]!r}")
    return json.loads(raw) if raw else {}


def upload_one_patch(api: Api, server: Server, source: Path) -> str:
    """Creation, then the whole file in one PATCH (curl streams it); returns the upload's path."""
    location = api.create_upload(source.stat().st_size, source.name)
    command = [
        "curl", "-sS", "-X", "PATCH", "-T", str(source), "-o", "/dev/null", "-w", "%{http_code}",
        "-H", "Expect:", "-H", "Content-Type: application/offset+octet-stream", "-H", "Upload-Offset: 0",
        "-H", "Tus-Resumable: 1.0.0", "-H", f"Authorization: Bearer {api.token}",
        server.base_url + location,
    ]
    finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode != 0 or finished.stdout.strip() != "204":
        raise BenchError(f"curl PATCH ended with code {finished.returncode}, HTTP {finished.stdout.strip()!r}: {finished.stderr.strip()}")
    return location


def run_pipeline(api: Api, server: Server, source: Path, topic: str, number: int) -> PipelineRun:
    log_start = server.log_path.stat().st_size
    started = time.monotonic()
    location = upload_one_patch(api, server, source)
    uploaded = time.monotonic()
    upload_id = location.rstrip("/").rsplit("/", 1)[1]
    video = api_json(
        api,
        "POST",
        "/api/v1/videos",
        {
            "upload_id": upload_id,
            "caption": f"Benchmark run {number}",
            "topic_ids": [topic],
            "hashtags": [],
            "content_kind": "education",
            "visibility": "private",
        },
        expect=(201,),
    )
    created = time.monotonic()
    path = f"/api/v1/videos/{video['id']}"
    deadline = created + READY_TIMEOUT
    while True:
        item = api_json(api, "GET", path)
        state = item["processing_state"]
        if state == "ready":
            ready = time.monotonic()
            break
        if state == "failed":
            raise BenchError(f"the video failed: {item.get('failure_reason')!r}")
        if time.monotonic() > deadline:
            raise BenchError(f"the video is not ready after {READY_TIMEOUT} s (state {state})")
        time.sleep(POLL_SECONDS)
    # The 360p rendition follows as its own job: let it finish before anything else is timed.
    while True:
        item = api_json(api, "GET", path)
        if any(r.get("name") == "360p" for r in item.get("renditions") or []):
            break
        if time.monotonic() > ready + READY_TIMEOUT:
            raise BenchError("the 360p rendition did not follow within the timeout")
        time.sleep(0.5)
    time.sleep(1.0)  # the worker logs and cleans up after the job
    return PipelineRun(
        video_id=str(video["id"]).lower(),
        upload_id=upload_id,
        upload_seconds=uploaded - started,
        upload_to_ready=ready - started,
        create_to_ready=ready - created,
        log_start=log_start,
        log_end=server.log_path.stat().st_size,
    )


# --- The same commands, directly -------------------------------------------------------------------


def logged_commands(log_path: Path, start: int, end: int) -> list[list[str]]:
    """The command lines logged between two offsets of the server's log, as argument lists. A
    line that gives only the arguments (`ffmpeg command: -hide_banner …`) gets the program
    named before its colon."""
    with log_path.open("rb") as f:
        f.seek(start)
        text = f.read(end - start).decode(errors="replace")
    found = []
    for line in text.splitlines():
        match = COMMAND_MARK.search(line)
        if not match:
            continue
        argv = split_command(METADATA_TAIL.sub("", match.group(2).strip()))
        if argv and argv[0].startswith("-"):
            argv = [match.group(1), *argv]
        if argv:
            found.append(argv)
    return found


def split_command(text: str) -> list[str]:
    # The server joins the arguments with spaces; none of them has a space or a quote.
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def commands_until_ready(commands: list[list[str]]) -> list[list[str]]:
    """The commands of the processing job up to ready: up to the last of the ones writing the
    720p rendition and the poster (the 360p job's come after)."""
    last = -1
    for index, argv in enumerate(commands):
        outputs = " ".join(argv[1:])
        if "720p" in outputs or "poster" in outputs:
            last = index
    if last < 0:
        raise BenchError("the logged commands write neither a 720p rendition nor a poster:\n" + "\n".join(" ".join(c) for c in commands))
    return commands[: last + 1]


def rewrite_outputs(argv: list[str], data_dir: Path, scratch: Path) -> list[str]:
    """The job's attempt folder (<data>/work/<job>/<attempt>) becomes the scratch folder; the
    input stays the stored upload itself, as the worker read it."""
    pattern = re.compile(re.escape(str(data_dir / "work")) + r"/[^/\s]+/[^/\s]+")
    return [pattern.sub(str(scratch), part) for part in argv]


def input_of(commands: list[list[str]]) -> str:
    """The file the first logged ffmpeg command reads (its `-i`, without a `file:` prefix)."""
    for argv in commands:
        if "-i" in argv[:-1]:
            return argv[argv.index("-i") + 1].removeprefix("file:")
    raise BenchError("no logged command has an -i input")


def probe_command(path: str) -> list[str]:
    """The worker's first probe (Sources/Media/FFmpeg/FFprobe.swift), for a log that lists only
    the ffmpeg runs: the probe is part of the way to ready, so the baseline runs it too."""
    # fmt: off
    return [
        "ffprobe", "-hide_banner", "-v", "error", "-protocol_whitelist", "file",
        "-format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm",
        "-print_format", "json", "-show_format", "-show_streams", "-i", "file:" + path,
    ]
    # fmt: on


def equivalent_commands(source: Path, scratch: Path) -> list[list[str]]:
    """Used only when the server logs no command lines: what the issue describes."""
    # fmt: off
    return [
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(source)],
        ["ffmpeg", "-nostdin", "-y", "-i", str(source), "-vf", "scale=-2:1280", "-c:v", "libx264", "-profile:v", "high",
         "-pix_fmt", "yuv420p", "-preset", "veryfast", "-crf", "23", "-c:a", "aac", "-movflags", "+faststart",
         str(scratch / "720p.mp4")],
        ["ffmpeg", "-nostdin", "-y", "-ss", "1", "-i", str(source), "-frames:v", "1", "-vf", "scale=-2:1280",
         str(scratch / "poster.jpg")],
    ]
    # fmt: on


def run_direct(commands: list[list[str]], scratch: Path) -> float:
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    started = time.monotonic()
    for argv in commands:
        finished = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=1200)
        if finished.returncode != 0:
            raise BenchError(f"{' '.join(argv)} ended with code {finished.returncode}: {finished.stderr.decode(errors='replace')[-800:]}")
    return time.monotonic() - started


# --- Report ---------------------------------------------------------------------------------------


def report(meta: list[str], runs: list[PipelineRun], direct: list[float], commands: list[list[str]], from_log: bool, probe_added: bool) -> str:
    upload_to_ready = statistics.median(r.upload_to_ready for r in runs)
    create_to_ready = statistics.median(r.create_to_ready for r in runs)
    upload = statistics.median(r.upload_seconds for r in runs)
    baseline = statistics.median(direct)
    overhead = (upload_to_ready - baseline) / baseline
    processing_overhead = (create_to_ready - baseline) / baseline
    lines = list(meta)
    lines.append("")
    header = f"{'measurement':<52} {'seconds (median)':>16}  runs"
    lines.append(header)
    lines.append("-" * len(header))
    lines.append(f"{'direct: the same ffprobe/ffmpeg commands (baseline)':<52} {baseline:>16.2f}  " + ", ".join(f"{s:.2f}" for s in direct))
    lines.append(f"{'pipeline: upload to ready':<52} {upload_to_ready:>16.2f}  " + ", ".join(f"{r.upload_to_ready:.2f}" for r in runs))
    lines.append(f"{'  of which the tus upload (one PATCH)':<52} {upload:>16.2f}  " + ", ".join(f"{r.upload_seconds:.2f}" for r in runs))
    lines.append(f"{'  of which POST /api/v1/videos to ready':<52} {create_to_ready:>16.2f}  " + ", ".join(f"{r.create_to_ready:.2f}" for r in runs))
    lines.append("")
    verdict = "PASS" if overhead <= OVERHEAD_TARGET else "FAIL"
    lines.append(f"overhead, upload to ready vs direct: {overhead * 100:+.1f}% (target at most {OVERHEAD_TARGET * 100:.0f}%): {verdict}")
    lines.append(f"overhead, POST to ready vs direct (without the upload): {processing_overhead * 100:+.1f}%")
    lines.append("")
    if from_log:
        lines.append(f"commands run directly ({len(commands)}, from the worker's log 'ffmpeg command:' lines, outputs moved to a scratch folder):")
        if probe_added:
            lines.append(
                "  (the log has no ffprobe line: the first command is the worker's probe as written in "
                "Sources/Media/FFmpeg/FFprobe.swift, not read from the log)"
            )
    else:
        lines.append(
            "NOTE: the server's log has no 'ffmpeg command:' lines; the direct run used the equivalent commands below "
            "(not necessarily the server's own arguments):"
        )
    for argv in commands:
        lines.append("  " + shlex.join(argv))
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/mindreel", help="the mindreel executable (default: %(default)s)")
    parser.add_argument("--seconds", type=int, default=60, help="length of the generated clip (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement, alternating; medians reported (default: %(default)s)")
    args = parser.parse_args()

    binary = Path(args.binary)
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    if not os.access(binary, os.X_OK):
        print(f"error: no server binary at {binary}; build it first (swift build -c release)", file=sys.stderr)
        return 1
    for tool in ("ffmpeg", "ffprobe", "curl"):
        if shutil.which(tool) is None:
            print(f"error: {tool} is not installed", file=sys.stderr)
            return 1

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mindreel-media-bench-"))
    data_dir = work / "data"
    data_dir.mkdir()
    scratch = work / "direct"
    source = work / "bench-1080x1920.mp4"
    server = None
    try:
        print(f"making a {args.seconds} s 1080×1920 clip …", flush=True)
        make_clip(source, args.seconds)
        server = start_media_server(binary, data_dir, ARTIFACTS / "media-server.log")
        api = Api(server.base_url)
        sign_up_with_token(api)
        topics = api_json(api, "GET", "/api/v1/topics")["items"]
        if not topics:
            raise BenchError("GET /api/v1/topics lists no topics")
        topic = topics[0]["id"]

        runs: list[PipelineRun] = []
        direct: list[float] = []
        commands: list[list[str]] | None = None
        from_log = True
        probe_added = False
        count = max(1, args.runs)
        for number in range(1, count + 1):
            print(f"pipeline run {number}/{count}: upload → ready …", flush=True)
            run = run_pipeline(api, server, source, topic, number)
            runs.append(run)
            print(f"  {run.upload_to_ready:.2f} s upload to ready", flush=True)
            if commands is None:
                logged = logged_commands(server.log_path, run.log_start, run.log_end)
                if logged:
                    chosen = commands_until_ready(logged)
                    if not any(os.path.basename(argv[0]) == "ffprobe" for argv in chosen):
                        chosen = [probe_command(input_of(chosen)), *chosen]
                        probe_added = True
                    commands = [rewrite_outputs(argv, data_dir, scratch) for argv in chosen]
                else:
                    from_log = False
                    commands = equivalent_commands(data_dir / "media" / "uploads" / run.upload_id / "original", scratch)
            print(f"direct run {number}/{count}: the same {len(commands)} commands …", flush=True)
            direct.append(run_direct(commands, scratch))
            print(f"  {direct[-1]:.2f} s", flush=True)

        probe = subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=bit_rate,duration,size", "-of", "default=nw=1", str(source)],
            capture_output=True, text=True,
        ).stdout.split()
        meta = [
            f"Mindreel media benchmark — {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
            f"binary: {binary.relative_to(REPO_ROOT) if binary.is_relative_to(REPO_ROOT) else binary}",
            f"clip: {args.seconds} s 1080×1920 testsrc2 + sine, H.264 High ~8 Mb/s, AAC ({', '.join(probe)})",
            f"server: SQLite, local-disk storage, in-process worker; loopback; {os.cpu_count()} CPUs",
            f"runs: {count}, pipeline and direct alternating; each pipeline run waits for the 360p follow-up job before the next measurement",
        ]
        text = report(meta, runs, direct, commands or [], from_log, probe_added)
        print()
        print(text, end="")
        (ARTIFACTS / "media.txt").write_text(text)
        print(f"(written to {(ARTIFACTS / 'media.txt').relative_to(REPO_ROOT)})")
        return 0
    except (BenchError, OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
