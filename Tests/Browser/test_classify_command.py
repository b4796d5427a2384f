"""`mindreel classify` as a moderator or an evaluation script would use it: lines in, one JSON
line out per line, in order, with a clear error for a line that is not UTF-8 or is 1 MB long and
the lines around it still classified. No server, no database, no network: it runs with an
empty environment."""

from __future__ import annotations

import json
import subprocess

from conftest import _binary
from support import REPO_ROOT


def test_classify_answers_every_line_in_order_and_names_the_bad_ones():
    lines = [
        b'{"id": "a", "text": "7 signs you have ADHD, comment how many you have"}',
        "I was diagnosed with ADHD at 34 after a full assessment, here is what changed".encode(),
        b"\xff\xfe not text",
        b"x" * 1_000_000,
        b'{"id": "e", "text": "pov: you realise your forgetfulness is actually adhd"}',
        b"",
    ]
    done = subprocess.run(
        [str(_binary()), "classify"], input=b"\n".join(lines) + b"\n", capture_output=True, timeout=60, cwd=REPO_ROOT, env={"PATH": "/usr/bin:/bin"}
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    answers = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(answers) == len(lines), answers
    assert answers[0]["id"] == "a" and answers[0]["diagnosis_framing"]["flagged"] is True
    assert answers[0]["diagnosis_framing"]["reasons"], "a flag without reasons"
    assert answers[1]["diagnosis_framing"]["flagged"] is False
    assert answers[2] == {"line": 3, "error": answers[2]["error"]} and "UTF-8" in answers[2]["error"]
    assert answers[3]["line"] == 4 and "100000 bytes" in answers[3]["error"]
    assert answers[4]["id"] == "e" and answers[4]["diagnosis_framing"]["flagged"] is True
    assert answers[5]["text"] == "" and answers[5]["diagnosis_framing"]["flagged"] is False
