#!/usr/bin/env python3
"""Benchmark of the Python binding against the C API (bench/python/README.md).

    bench.py --helper LIBPATH [--mb MB] [--seed N] [--calls N] [--rounds N]
             [--repeat N]
    bench.py --corpus FILE [--no-builtin] [--pack PACK]... [--lang L]
             [--json]

LIBPATH is the helper library built from helper.c; C and Python are timed
in this one process, alternately, and the best run is kept.

1. Per-call overhead: checker.check(text) against tact_check() +
   tact_report_free() timed in C, for an empty text, a short clean text and
   a short text with findings (also reading their fields, as a caller
   would).
2. Throughput on the corpus of bench/corpus.c: messages per second, one
   message (a line) per check() call, and one check_many() call for 256
   messages at a time, on 1 and 2 threads sharing one Checker, next
   to C on 1 and 2 threads sharing one tact_checker.

With --corpus, only this: every line of FILE (tact-bench --dump) checked
once, one check() per message, timing each; prints MB/s, messages/s and
the latency percentiles (bench/run-all compares them with C, the CLI and
Lua).

Run it with PYTHONPATH at the package in the build tree; meson does:
    meson test -C build --benchmark --suite python -v
"""

import argparse
import ctypes
import json
import os
import sys
import threading
import time

import tact

SHORT_CLEAN = "Hello! Your order has shipped and arrives tomorrow."
SHORT_FINDINGS = "Товар хороший, но дорогой. Вы должны заполнить форму."


def load_helper(path):
    lib = ctypes.CDLL(path)
    lib.tpb_corpus.argtypes = [ctypes.c_double, ctypes.c_ulonglong,
                               ctypes.c_char_p, ctypes.c_size_t]
    lib.tpb_corpus.restype = ctypes.c_size_t
    lib.tpb_check_ns.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                 ctypes.c_long]
    lib.tpb_check_ns.restype = ctypes.c_double
    lib.tpb_messages_per_second.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                            ctypes.c_int]
    lib.tpb_messages_per_second.restype = ctypes.c_double
    return lib


def corpus(lib, mb, seed):
    n = lib.tpb_corpus(mb, seed, None, 0)
    buf = ctypes.create_string_buffer(n)
    lib.tpb_corpus(mb, seed, buf, n)
    return buf.raw[:n]


def python_ns(fn, n):
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t0) / n * 1e9


def read_all(report):
    for f in report:
        f.rule, f.span, f.match, f.suggestions, f.message


def overhead(lib, checker, calls, rounds):
    """ns per call in C and in Python: the best batch of calls/rounds calls,
    C and Python batches alternating."""
    batch = max(1, calls // rounds)
    rows = []
    for name, text in [("empty text", ""), ("short, clean", SHORT_CLEAN),
                       ("short, 2 findings", SHORT_FINDINGS)]:
        data = text.encode()
        check = lambda: checker.check(text)
        read = lambda: read_all(checker.check(text))
        c_ns = py_ns = read_ns = float("inf")
        for _ in range(rounds):
            c_ns = min(c_ns, lib.tpb_check_ns(data, len(data), batch))
            py_ns = min(py_ns, python_ns(check, batch))
            if "findings" in name:
                read_ns = min(read_ns, python_ns(read, batch))
        rows.append((name, c_ns, py_ns))
        if "findings" in name:
            rows.append((name + ", read 5 fields", c_ns, read_ns))
    return rows


def timed(fn):
    """fn()'s result, and the CPU time of this process over the wall time
    it took: how many cores its threads kept busy at once."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return result, (time.process_time() - c0) / (time.perf_counter() - w0)


MANY = 256   # messages a check_many() call


def python_messages_per_second(checker, messages, threads, many=False):
    """Every message checked once, thread k taking messages k, k+threads...:
    one check() a message, or (many) one check_many() for each MANY of
    them, as a program reading a stream would call it."""
    barrier = threading.Barrier(threads + 1)

    def work(k):
        mine = messages[k::threads]
        barrier.wait()
        if many:
            for i in range(0, len(mine), MANY):
                checker.check_many(mine[i:i + MANY])
            return
        for m in mine:
            checker.check(m)

    pool = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in pool:
        t.join()
    return len(messages) / (time.perf_counter() - t0)


def corpus_run(args):
    """The messages of the file checked as tact-bench checks them: once
    untimed (patterns are JIT-compiled on their first uses), once for the
    throughput, once more with each check timed for the latencies."""
    checker = tact.Checker(builtin=not args.no_builtin)
    for pack in args.pack:
        checker.add_pack(pack)
    with open(args.corpus, "rb") as f:
        data = f.read()
    messages = data.decode().splitlines(keepends=True)
    lang = args.lang
    for m in messages:
        checker.check(m, lang=lang)
    lat = []
    clock = time.perf_counter_ns
    t0 = clock()
    for m in messages:
        checker.check(m, lang=lang)
    total = (clock() - t0) / 1e9
    for m in messages:
        m0 = clock()
        checker.check(m, lang=lang)
        lat.append(clock() - m0)
    lat.sort()
    out = {"python": sys.version.split()[0], "rules": len(checker.rules),
           "messages": len(messages), "bytes": len(data),
           "mb_per_s": round(len(data) / 1e6 / total, 3),
           "messages_per_s": round(len(messages) / total, 1),
           "latency_median_us": round(lat[len(lat) // 2] / 1e3, 3),
           "latency_p99_us": round(lat[len(lat) * 99 // 100] / 1e3, 3),
           "latency_max_us": round(lat[-1] / 1e3, 3)}
    if args.json:
        print(json.dumps(out))
    else:
        print("Python %s, %d rules, %d messages, %.1f MB: %.1f MB/s, "
              "%.0f messages/s; latency median %.2f us, p99 %.2f us, "
              "max %.2f us" % (out["python"], out["rules"], len(messages),
                               len(data) / 1e6, out["mb_per_s"],
                               out["messages_per_s"],
                               out["latency_median_us"],
                               out["latency_p99_us"], out["latency_max_us"]))
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--helper")
    p.add_argument("--corpus")
    p.add_argument("--no-builtin", action="store_true")
    p.add_argument("--pack", action="append", default=[])
    p.add_argument("--lang", default="auto")
    p.add_argument("--json", action="store_true")
    p.add_argument("--mb", type=float, default=2.0)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--calls", type=int, default=100000)
    p.add_argument("--rounds", type=int, default=50)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    if args.corpus:
        return corpus_run(args)
    if not args.helper:
        p.error("--helper is required (or --corpus)")

    lib = load_helper(args.helper)
    checker = tact.Checker()
    print("tact %s (binding %s), Python %s, %d rules, %d CPUs, "
          "load average %.1f"
          % (tact.version(), tact.__version__, sys.version.split()[0],
             len(checker.rules), os.cpu_count(), os.getloadavg()[0]))

    print("\nper call: best of %d alternating batches of %d calls"
          % (args.rounds, args.calls // args.rounds))
    print("  %-34s %9s %10s %9s" % ("", "C ns", "Python ns", "overhead"))
    for name, c_ns, py_ns in overhead(lib, checker, args.calls, args.rounds):
        print("  %-34s %9.0f %10.0f %9.0f" % (name, c_ns, py_ns, py_ns - c_ns))

    data = corpus(lib, args.mb, args.seed)
    messages = data.decode().splitlines(keepends=True)
    print("\nthroughput: %d messages, %.1f MB (bench/corpus.c, seed %d), "
          "best of %d" % (len(messages), len(data) / 1e6, args.seed,
                         args.repeat))
    print("  %-8s %10s %6s %13s %6s %16s %6s" % (
        "threads", "C msg/s", "cores", "check() msg/s", "cores",
        "check_many msg/s", "cores"))
    best = {}
    for threads in (1, 2):
        c = py = many = (0.0, 0.0)
        for _ in range(args.repeat):   # alternate, so load hits both alike
            c = max(c, timed(lambda: lib.tpb_messages_per_second(
                data, len(data), threads)))
            py = max(py, timed(lambda: python_messages_per_second(
                checker, messages, threads)))
            many = max(many, timed(lambda: python_messages_per_second(
                checker, messages, threads, many=True)))
        best[threads] = (c[0], py[0], many[0])
        print("  %-8d %10.0f %6.2f %13.0f %6.2f %16.0f %6.2f"
              % (threads, c[0], c[1], py[0], py[1], many[0], many[1]))
    print("  2 threads / 1: C %.2fx, check() %.2fx, check_many() %.2fx" %
          tuple(best[2][i] / best[1][i] for i in range(3)))
    print("  (cores: CPU time over wall time, the best run's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
