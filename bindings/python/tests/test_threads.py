"""Threads: one Checker shared by a pool gives the single-thread results,
and the GIL is released while tact works."""

import json
import threading
import time
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


def spin_rate():
    """Turns per second of a loop like the one test_gil_is_released()
    spins in."""
    beat, done, stop = [0], [], time.perf_counter() + 0.05
    while not done:
        beat[0] += 1
        if time.perf_counter() > stop:
            done.append(1)
    return beat[0] / 0.05


@pytest.mark.parametrize("many", [False, True])
def test_gil_is_released(packs, many):
    """While tact works, another Python thread runs: it turns its loop for
    much of the call's time (with the GIL held, only when CPython forces a
    switch at a bytecode before the call). check() releases the GIL around
    the C call, check_many() once a batch (here 200 texts of 30 KB, three
    a batch)."""
    text = "Great product, but expensive. " * 100000
    texts = [text[:30000]] * 200
    rate = spin_rate()
    beat, seen = [0], []

    def work():
        while beat[0] < 1000:      # the loop below has started
            time.sleep(0.001)
        b0, t0 = beat[0], time.perf_counter()
        if many:
            packs.check_many(texts)
        else:
            packs.check(text)
        seen.append((beat[0] - b0) / (rate * (time.perf_counter() - t0)))

    worker = threading.Thread(target=work)
    worker.start()
    deadline = time.perf_counter() + 60     # in case the worker failed
    while not seen:
        beat[0] += 1
        if time.perf_counter() > deadline:
            break
    worker.join()
    # The part of the call's time this thread ran: about 1 on two cores,
    # about 0.01 if the GIL were held.
    assert seen and seen[0] > 0.15, seen


def test_findings_read_on_other_threads(packs):
    report = packs.check("a but b. " * 1000)

    def read(k):
        return [(f.span, f.match) for f in report[k::4]]

    with ThreadPoolExecutor(max_workers=4) as pool:
        parts = list(pool.map(read, range(4)))
    assert sum(len(p) for p in parts) == 1000


# ---- check_many(): many texts, the GIL released once a batch ----

def test_check_many_equals_check(builtin):
    """Reports in order, str and bytes mixed, across batch ends (a batch
    holds at most 256 texts or 64 KiB)."""
    texts = messages()
    texts = [t if i % 3 else t.encode() for i, t in enumerate(texts)]
    texts += ["x" * 70000, "", "Вы должны оплатить, но позже."]
    assert len(texts) > 600
    options = dict(english=True, age=70, min_severity="hint")
    got = builtin.check_many(texts, **options)
    assert isinstance(got, list) and len(got) == len(texts)
    assert [r.as_dict() for r in got] == \
        [builtin.check(t, **options).as_dict() for t in texts]
    # spans follow each text's type: code points for str, bytes for bytes
    ru = builtin.check_many(["Вы должны", "Вы должны".encode()], lang="ru")
    assert ru[0][0].span == (0, 9) and ru[1][0].span == (0, 17)
    assert ru[1][0].match == "Вы должны".encode()


def test_check_many_takes_any_iterable(packs):
    text = "Great, but pricey."
    expected = packs.check(text).as_dict()
    for texts in ([text], (text,), iter([text]), (t for t in [text]),
                  {text: 1}):
        assert [r.as_dict() for r in packs.check_many(texts)] == [expected]
    assert packs.check_many([]) == []
    got = packs.check_many(texts=[bytearray(text.encode())], lang="en")
    assert got[0][0].match == b"but"


def test_check_many_refuses_one_text(packs):
    for one in ("abc", b"abc", bytearray(b"abc"), memoryview(b"abc")):
        with pytest.raises(TypeError, match="use check"):
            packs.check_many(one)
    with pytest.raises(TypeError):
        packs.check_many(5)
    with pytest.raises(TypeError, match="missing required argument"):
        packs.check_many()
    with pytest.raises(TypeError, match="unexpected keyword"):
        packs.check_many([], text="x")


@pytest.mark.parametrize("bad, error, offset", [
    (b"ok \xff", tact.EncodingError, 3),
    ("ok \ud800", tact.EncodingError, 3),
    (5, TypeError, None),
    (None, TypeError, None),
])
def test_check_many_error_names_the_text(packs, bad, error, offset):
    for at in (0, 1, 255, 256, 700):
        texts = ["Great, but pricey."] * at + [bad] + ["fine"] * 3
        with pytest.raises(error) as info:
            packs.check_many(texts)
        assert info.value.index == at
        if offset is not None:
            assert info.value.offset == offset


def test_check_many_options_errors(packs):
    with pytest.raises(tact.NotFoundError):
        packs.check_many(["text"], lang="xx")
    with pytest.raises(ValueError):
        packs.check_many(["text"], min_severity="fatal")


def test_check_many_on_threads(builtin):
    texts = messages()
    expected = [r.as_dict() for r in builtin.check_many(texts)]
    chunks = [texts[i:i + 97] for i in range(0, len(texts), 97)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = [r.as_dict() for rs in pool.map(builtin.check_many, chunks)
               for r in rs]
    assert got == expected
