#!/usr/bin/env python3
"""`mindreel classify` throughput: 10,000 lines through the release binary, against a baseline
measured in the same run — the same lines through a JSON round trip in Python (parse each line,
write it back), the least any line-by-line JSON tool does.

The lines are the repository's labelled examples (Resources/Classifiers/*/*.jsonl), as JSON
objects with their id, repeated to 10,000: captions, transcripts and long posts, short and long.
Each command runs five times; medians are reported. Target (issue 14): 10,000 lines in under a
second (PASS/FAIL printed; the exit status is 0 whenever the benchmark ran).

Written to test-artifacts/bench/classify.txt.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "test-artifacts" / "bench"
LINES = 10_000
RUNS = 5
TARGET_SECONDS = 1.0

BASELINE = "import sys, json\nout = sys.stdout\nfor line in sys.stdin:\n    out.write(json.dumps(json.loads(line)) + '\\n')\n"


def corpus() -> bytes:
    examples = []
    for path in sorted((REPO_ROOT / "Resources" / "Classifiers").glob("*/*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                item = json.loads(line)
                examples.append({"id": item["id"], "text": item["text"]})
    if not examples:
        raise SystemExit("no labelled examples under Resources/Classifiers")
    rows = [json.dumps(examples[i % len(examples)], ensure_ascii=False) for i in range(LINES)]
    return ("\n".join(rows) + "\n").encode()


def timed(command: list[str], data: bytes) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(command, input=data, capture_output=True, check=True)
    return time.perf_counter() - started, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(REPO_ROOT / ".build" / "release" / "mindreel"))
    args = parser.parse_args()
    data = corpus()
    mean_bytes = len(data) / LINES
    classify, baseline = [], []
    answers = b""
    for _ in range(RUNS):
        seconds, answers = timed([args.binary, "classify"], data)
        classify.append(seconds)
        baseline.append(timed([sys.executable, "-c", BASELINE], data)[0])
    out = answers.decode().splitlines()
    if len(out) != LINES or any("diagnosis_framing" not in line for line in out):
        raise SystemExit(f"mindreel classify answered {len(out)} lines for {LINES}, or some without a result")
    flagged = sum(json.loads(line)["diagnosis_framing"]["flagged"] for line in out)
    c, b = statistics.median(classify), statistics.median(baseline)
    report = "\n".join(
        [
            f"mindreel classify, {LINES:,} lines (mean {mean_bytes:.0f} bytes; {flagged:,} flagged), median of {RUNS} runs",
            f"  {'python JSON round trip (baseline)':<36} {b:7.3f} s   {LINES / b:10,.0f} lines/s   1.00x",
            f"  {'mindreel classify (release)':<36} {c:7.3f} s   {LINES / c:10,.0f} lines/s   {c / b:.2f}x the baseline's time",
            f"  target: {LINES:,} lines in under {TARGET_SECONDS:.0f} s: {'PASS' if c < TARGET_SECONDS else 'FAIL'}",
        ]
    )
    print(report)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "classify.txt").write_text(report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
