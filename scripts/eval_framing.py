#!/usr/bin/env python3
"""Measures the diagnosis-framing classifier on a labelled split through `mindreel classify`:
precision, recall, the mistakes by category, and (with --show) each mistake with its reasons.

    python3 scripts/eval_framing.py                 # the training split, mistakes listed
    python3 scripts/eval_framing.py --split test    # the held-out split: figures only

Tune on the training split only: the test split is for reporting (its mistakes are not shown
unless asked for with --show, and asking is for the closing analysis, not for tuning).
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="train")
    parser.add_argument("--binary", default=str(ROOT / ".build/debug/mindreel"))
    parser.add_argument("--show", action="store_true", help="print every mistake with its reasons")
    args = parser.parse_args()
    examples = [json.loads(l) for l in (ROOT / f"Resources/Classifiers/diagnosis-framing/{args.split}.jsonl").read_text().splitlines() if l.strip()]
    lines = "\n".join(json.dumps({"id": e["id"], "text": e["text"]}) for e in examples) + "\n"
    out = subprocess.run([args.binary, "classify"], input=lines.encode(), capture_output=True, check=True).stdout.decode().splitlines()
    answers = {a["id"]: a["diagnosis_framing"] for a in map(json.loads, out)}
    tp = fp = fn = tn = 0
    by_category: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    mistakes = []
    for e in examples:
        flagged = answers[e["id"]]["flagged"]
        right = flagged == e["label"]
        by_category[e["category"]][0 if right else 1] += 1
        tp += e["label"] and flagged
        fp += (not e["label"]) and flagged
        fn += e["label"] and not flagged
        tn += (not e["label"]) and not flagged
        if not right:
            mistakes.append((e, answers[e["id"]]))
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"{args.split}: {len(examples)} examples; precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    for category, (right, wrong) in sorted(by_category.items()):
        print(f"  {category:<20} {right:>4} right {wrong:>3} wrong")
    if args.split == "train" or args.show:
        for e, a in mistakes:
            print(f"\n{'MISSED' if e['label'] else 'FALSE+'} {e['id']} [{e['category']}] score {a['score']}: {e['text'][:300]}")
            for reason in a["reasons"]:
                print(f"    - {reason}")


if __name__ == "__main__":
    main()
