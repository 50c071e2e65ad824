"""Threads: one Checker shared by a pool gives the single-thread results,
and the GIL is released while tact works."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import tact

from conftest import corpus_files
from test_spans import TEXTS


def messages():
    texts = [t for ts in TEXTS.values() for t in ts]
    for path in corpus_files():
        with open(path, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts * 4


def run(checker, text):
    data = text if len(text) % 2 else text.encode()  # str and bytes alike
    return (checker.check(data).as_dict(), checker.rewrite(data),
            checker.check(data, english=True, min_severity="warning",
                          age=len(text) % 90, client_name="Анна",
                          customer_message="Where is my order?!!!",
                          wait_seconds=3600).as_dict())


@pytest.mark.parametrize("which", ["builtin", "packs"])
def test_pool_equals_single_thread(request, which):
    checker = request.getfixturevalue(which)
    texts = messages()
    expected = [run(checker, t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: run(checker, t), texts))
    assert got == expected


def test_errors_stay_on_their_thread(packs):
    """tact keeps the last error per thread: each raise sees its own."""
    def work(i):
        bad = b"x" * i + b"\xff"
        try:
            packs.check(bad)
        except tact.EncodingError as e:
            return e.offset
        return None

    with ThreadPoolExecutor(max_workers=4) as pool:
        offsets = list(pool.map(work, range(2000)))
    assert offsets == list(range(2000))


def test_gil_is_released(packs):
    text = "Great product, but expensive. " * 100000
    started = threading.Event()

    def work():
        started.set()
        packs.check(text)

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    spins = 0
    while worker.is_alive():
        spins += 1
    worker.join()
    # With the GIL held for the whole check this loop would barely run.
    assert spins > 10000


def test_findings_read_on_other_threads(packs):
    report = packs.check("a but b. " * 1000)

    def read(k):
        return [(f.span, f.match) for f in report[k::4]]

    with ThreadPoolExecutor(max_workers=4) as pool:
        parts = list(pool.map(read, range(4)))
    assert sum(len(p) for p in parts) == 1000
