#!/usr/bin/env python3
"""Measure precision and recall of the built-in packs on labelled corpora.

usage: evaluate.py TACT CORPUS.jsonl... [--min-precision P] [--min-recall R]
                   [--verbose]

Each corpus line is {"id", "text", "lang", "expect": [categories]}. Every
file is checked with `tact check --input jsonl --format jsonl --lang auto`
(language detection included, as a host would run it). For each message
and category, a category tact reports is a true positive when the label has
it and a false positive otherwise; a labelled category tact misses is a
false negative. Precision and recall are computed per language (the
"lang" of the labels) and the run fails when any language is below the
thresholds. Only the Python standard library is used.
"""
import json
import subprocess
import sys
from collections import defaultdict

IGNORED = {'vocabulary'}


def load(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def check(tact, path):
    proc = subprocess.run([tact, 'check', '--input', 'jsonl', '--format',
                           'jsonl', '--lang', 'auto', path],
                          capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit('tact failed on %s: %s' % (path, proc.stderr.decode()))
    out = {}
    for line in proc.stdout.decode('utf-8').splitlines():
        obj = json.loads(line)
        out[obj['id']] = obj
    return out


def main(argv):
    min_p, min_r, verbose, files = 0.95, 0.90, False, []
    tact = argv[1]
    args = iter(argv[2:])
    for a in args:
        if a == '--min-precision':
            min_p = float(next(args))
        elif a == '--min-recall':
            min_r = float(next(args))
        elif a == '--verbose':
            verbose = True
        else:
            files.append(a)
    stats = defaultdict(lambda: [0, 0, 0])  # lang -> tp, fp, fn
    for path in files:
        results = check(tact, path)
        for msg in load(path):
            got = results[msg['id']]
            if 'error' in got:
                sys.exit('%s: %s' % (msg['id'], got['error']))
            found = {f['category'] for f in got['findings']} - IGNORED
            want = set(msg['expect']) - IGNORED
            s = stats[msg['lang']]
            s[0] += len(found & want)
            s[1] += len(found - want)
            s[2] += len(want - found)
            if verbose and found != want:
                print('%s [%s] extra=%s missed=%s: %s' % (
                    msg['id'], got['language'], sorted(found - want),
                    sorted(want - found), msg['text']))
    ok = True
    for lang in sorted(stats):
        tp, fp, fn = stats[lang]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        good = p >= min_p and r >= min_r
        ok &= good
        print('%s: precision %.3f recall %.3f (tp %d, fp %d, fn %d)%s' % (
            lang, p, r, tp, fp, fn, '' if good else '  BELOW TARGET'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
