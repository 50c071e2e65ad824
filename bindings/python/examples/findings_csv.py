#!/usr/bin/env python3
"""Check a CSV of messages with tact and write a CSV of findings.

    findings_csv.py messages.csv findings.csv [--jobs N] [--english]
                    [--min-severity S] [--pack FILE]... [--fixed FILE]

The input has a header with the columns `id` and `text`, and optionally
`lang` (empty: detect). The output has one row per finding:

    id, language, rule, category, severity, line, column, start, end,
    match, suggestion, message

start and end are str indices into the text (text[start:end] == match).
With --fixed, a second CSV gets `id, text` with every suggestion applied.
With --jobs N the messages are checked on N threads sharing one Checker.
"""

import argparse
import csv
import sys
from concurrent.futures import ThreadPoolExecutor

import tact

COLUMNS = ["id", "language", "rule", "category", "severity", "line",
           "column", "start", "end", "match", "suggestion", "message"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("input", help="CSV of messages (id, text[, lang])")
    p.add_argument("output", help="CSV of findings to write ('-': stdout)")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--english", action="store_true",
                   help="messages in English")
    p.add_argument("--min-severity", default="hint",
                   choices=tact.SEVERITIES)
    p.add_argument("--pack", action="append", default=[],
                   help="a rule pack to load as well (repeatable)")
    p.add_argument("--fixed", help="also write the rewritten messages here")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    checker = tact.Checker()
    for pack in args.pack:
        checker.add_pack(pack)
    options = {"english": args.english, "min_severity": args.min_severity}

    with open(args.input, newline="", encoding="utf-8") as f:
        messages = list(csv.DictReader(f))

    def work(msg):
        lang = msg.get("lang") or None
        try:
            report = checker.check(msg["text"], lang=lang, **options)
            fixed = (checker.rewrite(msg["text"], lang=lang, **options)
                     if args.fixed else None)
        except tact.Error as e:
            return msg, e, None
        return msg, report, fixed

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(work, messages))   # in input order

    out = sys.stdout if args.output == "-" else \
        open(args.output, "w", newline="", encoding="utf-8")
    failed = 0
    with out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for msg, report, _ in results:
            if isinstance(report, tact.Error):
                print("%s: %s" % (msg["id"], report), file=sys.stderr)
                failed += 1
                continue
            for f in report:
                writer.writerow([msg["id"], report.language, f.rule,
                                 f.category, f.severity, f.line, f.column,
                                 f.span[0], f.span[1], f.match,
                                 f.suggestions[0] if f.suggestions else "",
                                 f.message])
    if args.fixed:
        with open(args.fixed, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "text"])
            for msg, _, fixed in results:
                if fixed is not None:
                    writer.writerow([msg["id"], fixed])
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
