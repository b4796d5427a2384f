#!/usr/bin/env python3
"""Measures the crisis-language classifier on a labelled split through `mindreel classify`:
precision and recall per level, the rate of hard negatives at `urgent`, the means flag, the
mistakes by category, and (with --show) each mistake with its reasons.

    python3 scripts/eval_crisis.py                 # the training split, mistakes listed
    python3 scripts/eval_crisis.py --split test    # the held-out split: figures only

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
RANK = {"none": 0, "concern": 1, "urgent": 2}


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def measure(examples: list[dict], answers: dict[str, dict]) -> dict[str, float]:
    def count(pred, gold):
        return sum(1 for e in examples if pred(answers[e["id"]]) and gold(e))

    is_urgent = lambda x: x["level"] == "urgent"  # noqa: E731
    at_risk = lambda x: x["level"] != "none"  # noqa: E731
    predicted_urgent = sum(1 for e in examples if is_urgent(answers[e["id"]]))
    predicted_risk = sum(1 for e in examples if at_risk(answers[e["id"]]))
    negatives = [e for e in examples if e["level"] == "none"]
    figures = {
        "urgent_precision": ratio(count(is_urgent, is_urgent), predicted_urgent),
        "urgent_recall": ratio(count(is_urgent, is_urgent), sum(1 for e in examples if is_urgent(e))),
        "concern_precision": ratio(count(lambda a: a["level"] == "concern", lambda e: e["level"] == "concern"), sum(1 for e in examples if answers[e["id"]]["level"] == "concern")),
        "concern_recall": ratio(count(lambda a: a["level"] == "concern", lambda e: e["level"] == "concern"), sum(1 for e in examples if e["level"] == "concern")),
        "risk_precision": ratio(count(at_risk, at_risk), predicted_risk),
        "risk_recall": ratio(count(at_risk, at_risk), sum(1 for e in examples if at_risk(e))),
        "negatives_at_urgent": ratio(sum(1 for e in negatives if is_urgent(answers[e["id"]])), len(negatives)),
        "negatives_at_concern": ratio(sum(1 for e in negatives if answers[e["id"]]["level"] == "concern"), len(negatives)),
        "means_precision": ratio(count(lambda a: a["means"], lambda e: e["means"]), sum(1 for e in examples if answers[e["id"]]["means"])),
        "means_recall": ratio(count(lambda a: a["means"], lambda e: e["means"]), sum(1 for e in examples if e["means"])),
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="train")
    parser.add_argument("--binary", default=str(ROOT / ".build/debug/mindreel"))
    parser.add_argument("--show", action="store_true", help="print every mistake with its reasons")
    args = parser.parse_args()
    examples = [json.loads(l) for l in (ROOT / f"Resources/Classifiers/crisis/{args.split}.jsonl").read_text().splitlines() if l.strip()]
    lines = "\n".join(json.dumps({"id": e["id"], "text": e["text"]}) for e in examples) + "\n"
    out = subprocess.run([args.binary, "classify"], input=lines.encode(), capture_output=True, check=True).stdout.decode().splitlines()
    answers = {a["id"]: a["crisis"] for a in map(json.loads, out)}
    levels = collections.Counter(e["level"] for e in examples)
    print(f"{args.split}: {len(examples)} examples ({levels['urgent']} urgent, {levels['concern']} concern, {levels['none']} none)")
    for name, value in measure(examples, answers).items():
        print(f"  {name:<22} {value:.3f}")
    confusion = collections.Counter((e["level"], answers[e["id"]]["level"]) for e in examples)
    print("  confusion (label -> answer): " + ", ".join(f"{g}->{p} {n}" for (g, p), n in sorted(confusion.items())))
    by_category: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    mistakes = []
    for e in examples:
        a = answers[e["id"]]
        right = a["level"] == e["level"]
        by_category[f"{e['level']}/{e['category']}"][0 if right else 1] += 1
        if not right or a["means"] != e["means"]:
            mistakes.append((e, a))
    for category, (right, wrong) in sorted(by_category.items()):
        print(f"  {category:<32} {right:>4} right {wrong:>3} wrong")
    if args.split == "train" or args.show:
        for e, a in mistakes:
            print(f"\n{e['level']}->{a['level']} means {e['means']}->{a['means']} {e['id']} [{e['category']}/{e['style']}]: {e['text'][:400]}")
            for reason in a["reasons"]:
                print(f"    - {reason}")


if __name__ == "__main__":
    main()
