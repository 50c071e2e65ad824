#!/usr/bin/python3
# re_baseline.py: Python's re on the bench corpus with the rules' own
# regexes: one compiled pattern per rule, each run over every message with
# finditer, case-insensitive, all matches counted (bench/README.md).
"""usage: bench/compare/re_baseline.py [--json] [--repeat N] PATTERNS CORPUS

PATTERNS is one regex a line (bench/gen-pack writes DIR/patterns.txt),
CORPUS one message a line (tact-bench --dump). Only the matching is timed,
the best of N runs; the corpus is decoded to str before.
"""

import argparse
import json
import re
import sys
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("patterns")
    p.add_argument("corpus")
    p.add_argument("--json", action="store_true")
    p.add_argument("--repeat", type=int, default=1)
    a = p.parse_args()

    with open(a.patterns, encoding="utf-8") as f:
        regexes = [line.rstrip("\r\n") for line in f if line.strip()]
    compiled = [re.compile(r, re.IGNORECASE) for r in regexes]
    with open(a.corpus, "rb") as f:
        data = f.read()
    messages = data.decode("utf-8").splitlines(keepends=True)

    best, matches = float("inf"), 0
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        matches = 0
        for m in messages:
            for c in compiled:
                for _ in c.finditer(m):
                    matches += 1
        best = min(best, time.perf_counter() - t0)

    mb = len(data) / 1e6
    out = {"what": "Python re, one pattern per rule",
           "python": sys.version.split()[0], "patterns": len(compiled),
           "messages": len(messages), "bytes": len(data), "matches": matches,
           "seconds": round(best, 6), "mb_per_s": round(mb / best, 3),
           "messages_per_s": round(len(messages) / best, 1)}
    if a.json:
        print(json.dumps(out))
    else:
        print("%s (Python %s): %d patterns, %d messages, %.1f MB, %d matches: "
              "%.1f MB/s, %.0f messages/s"
              % (out["what"], out["python"], len(compiled), len(messages), mb,
                 matches, mb / best, len(messages) / best))
    return 0


if __name__ == "__main__":
    sys.exit(main())
