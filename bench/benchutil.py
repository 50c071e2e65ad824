# benchutil.py: what bench/scaling, bench/run-all and bench/compare/run
# share: building, generating packs, dumping the corpus, running the
# programs that print one JSON object, timing the CLI, printing tables.
"""Helpers of the benchmark scripts (bench/README.md); not a script."""

import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ("ru", "ro", "kk", "en")


def say(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, env=None, ok=(0,), quiet=False):
    """Run cmd from the repository root; its stdout, or exit on failure."""
    if not quiet:
        say("+ " + " ".join(cmd))
    full = dict(os.environ, **env) if env else None
    p = subprocess.run(cmd, cwd=ROOT, env=full, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode not in ok:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit("%s: exit status %d" % (cmd[0], p.returncode))
    return p.stdout


def run_json(cmd, env=None):
    """The JSON object of the last line cmd prints."""
    return json.loads(run(cmd, env).strip().splitlines()[-1])


def build(builddir):
    """Configure (release) when needed, then bring the build up to date."""
    if not os.path.exists(os.path.join(ROOT, builddir, "build.ninja")):
        run(["meson", "setup", builddir, "-Dbuildtype=release"])
    run(["ninja", "-C", builddir], quiet=True)


def gen_pack(builddir, n):
    """Generate the packs of n rules: ([pack paths], patterns path)."""
    out = os.path.join(builddir, "bench-data", "gen-%d" % n)
    paths = run(["bench/gen-pack", "-o", out, str(n)],
                quiet=True).split()
    return paths[:-1], paths[-1]


def pack_args(packs):
    """tact-bench and tact arguments for the packs (none: built-in)."""
    args = ["--no-builtin"] if packs else []
    for p in packs or ():
        args += ["--pack", p]
    return args


def dump_corpus(builddir, mb, seed=42):
    """Write the corpus of tact-bench --mb mb: (text path, JSONL path)."""
    d = os.path.join(builddir, "bench-data")
    os.makedirs(os.path.join(ROOT, d), exist_ok=True)
    stem = os.path.join(d, "corpus-%gmb-%d" % (mb, seed))
    run([os.path.join(builddir, "bench", "tact-bench"), "--mb", str(mb),
         "--seed", str(seed), "--dump", stem + ".txt", "--dump-jsonl",
         stem + ".jsonl"], quiet=True)
    return stem + ".txt", stem + ".jsonl"


def tact_bench(builddir, mb, packs):
    return run_json([os.path.join(builddir, "bench", "tact-bench"), "--json",
                     "--mb", str(mb)] + pack_args(packs))


def cli_seconds(builddir, jsonl, packs, repeat):
    """Wall time of `tact check --input jsonl --format jsonl` over the
    corpus, output to /dev/null: the best of repeat runs."""
    cmd = [os.path.join(builddir, "tools", "tact"), "check"] + \
        pack_args(packs) + ["--input", "jsonl", "--format", "jsonl", jsonl]
    say("+ " + " ".join(cmd) + " >/dev/null")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
        t = time.perf_counter() - t0
        if p.returncode not in (0, 1):
            sys.exit("tact check: exit status %d" % p.returncode)
        best = min(best, t)
    return best


def cli_latency(builddir, text_path, packs, runs):
    """Wall time of one `tact check` process per message (start-up, packs,
    one message from stdin), over the first runs messages: sorted."""
    cmd = [os.path.join(builddir, "tools", "tact"), "check"] + \
        pack_args(packs) + ["--format", "jsonl", "-"]
    say("+ %s <one message>  (x%d)" % (" ".join(cmd), runs))
    with open(os.path.join(ROOT, text_path), "rb") as f:
        messages = f.read().splitlines(keepends=True)[:runs]
    times = []
    for m in messages:
        t0 = time.perf_counter()
        p = subprocess.run(cmd, cwd=ROOT, input=m, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        if p.returncode not in (0, 1):
            sys.exit("tact check: exit status %d" % p.returncode)
    return sorted(times)


def which(name):
    return shutil.which(name)


def table(headers, rows, right=None):
    """A Markdown table, columns padded; right: the right-aligned ones
    (default all but the first)."""
    right = set(range(1, len(headers))) if right is None else set(right)
    cells = [list(map(str, headers))] + [[str(c) for c in r] for r in rows]
    width = [max(len(r[k]) for r in cells) for k in range(len(headers))]

    def line(r):
        return "| " + " | ".join(c.rjust(width[k]) if k in right
                                 else c.ljust(width[k])
                                 for k, c in enumerate(r)) + " |"

    sep = "| " + " | ".join(("-" * (width[k] - 1) + ":") if k in right
                            else "-" * width[k]
                            for k in range(len(headers))) + " |"
    return "\n".join([line(cells[0]), sep] + [line(r) for r in cells[1:]])


def num(x, digits=1):
    """x with thousands separators and the given decimals."""
    return "{:,.{}f}".format(x, digits)


def load_average():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def header(what):
    """The first line of a run: what, where, when, how busy."""
    return "%s, %s, %d CPUs, load average %.1f" % (
        what, time.strftime("%Y-%m-%d %H:%M"), os.cpu_count() or 0,
        load_average())
