#!/usr/bin/env python3
"""Quality regression test: tags the labelled development set in ../shared/eval with the
default lexicons, scores it with the set's own scorer, and fails when any figure falls
more than TOLERANCE below the one recorded in tests/eval_baseline.json. Skips (exit 77)
when ../shared is absent, as it is in users' checkouts.

After a deliberate improvement, record the new figures with --update."""
import argparse
import json
import os
import subprocess
import sys

TOLERANCE = 0.02
SKIP = 77


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--polytag", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--update", action="store_true", help="record the current figures as the baseline")
    a = ap.parse_args()
    eval_dir = os.path.join(a.source_dir, "..", "shared", "eval")
    paragraphs = os.path.join(eval_dir, "dev-paragraphs.jsonl")
    if not os.path.exists(paragraphs):
        print("skipped: ../shared/eval is absent")
        return SKIP
    baseline_path = os.path.join(a.source_dir, "tests", "eval_baseline.json")
    with open(paragraphs, "rb") as f:
        tagged = subprocess.run([a.polytag, "batch"], stdin=f, capture_output=True)
    if tagged.returncode != 0:
        print(tagged.stderr.decode(errors="replace"))
        print("FAIL: polytag batch failed on the development set")
        return 1
    pred = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"polytag-eval-{os.getpid()}.jsonl")
    try:
        with open(pred, "wb") as f:
            f.write(tagged.stdout)
        scored = subprocess.run([sys.executable, os.path.join(eval_dir, "score.py"), "--labels",
                                 os.path.join(eval_dir, "dev-labels.jsonl"), "--pred", pred, "--json"],
                                capture_output=True, text=True, check=True)
    finally:
        os.unlink(pred)
    now = json.loads(scored.stdout)
    keys = ["theme_micro_f1", "theme_macro_f1", "stance_accuracy", "stance_macro_f1"]
    if a.update:
        with open(baseline_path, "w") as f:
            json.dump({k: now[k] for k in keys}, f, indent=2)
            f.write("\n")
        print("recorded", {k: now[k] for k in keys})
        return 0
    with open(baseline_path) as f:
        baseline = json.load(f)
    failed = 0
    for k in keys:
        ok = now[k] >= baseline[k] - TOLERANCE
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {k:18} now {now[k]:.4f}  recorded {baseline[k]:.4f}")
    if now["missing"]:
        print(f"FAIL {now['missing']} paragraphs had no prediction")
        failed += 1
    print(f"{len(keys) + 1 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
