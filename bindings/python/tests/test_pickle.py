"""A Checker pickles as its recipe and is rebuilt from it in another
process; findings travel as dicts."""

import copy
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

import tact

from conftest import DATA

TEXT = "Great, but pricey. Хорошо, но дорого. Sunteţi sigur? Тауар жақсы, " \
       "бірақ қымбат."


def recipe_checker():
    c = tact.Checker(builtin=False)
    c.add_pack(DATA / "pytest-en.yaml")
    c.add_pack_string((DATA / "pytest-ru.yaml").read_text(), name="ru-pack")
    c.add_pack_string((DATA / "pytest-ro.yaml").read_bytes())
    c.add_pack(str(DATA / "pytest-kk.yaml"))
    return c


def sentences():
    return [s + "." for s in TEXT.split(".") if s.strip()]


def test_pickle_round_trip():
    c = recipe_checker()
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        d = pickle.loads(pickle.dumps(c, proto))
        assert type(d) is tact.Checker and d is not c
        assert d.builtin is False
        assert d.sources == c.sources
        assert [r.id for r in d.rules] == [r.id for r in c.rules]
        for s in sentences():
            assert d.check(s) == c.check(s)
    b = pickle.loads(pickle.dumps(tact.Checker()))
    assert b.builtin and len(b.rules) == len(tact.Checker().rules)


def test_copy():
    c = recipe_checker()
    for d in (copy.copy(c), copy.deepcopy(c)):
        assert d is not c and d.sources == c.sources
        assert d.check(TEXT) == c.check(TEXT)


def test_subclass_pickles_as_itself():
    d = pickle.loads(pickle.dumps(Mine(builtin=False)))
    assert type(d) is Mine


class Mine(tact.Checker):
    pass


def test_missing_pack_file_on_unpickle(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_bytes((DATA / "pytest-en.yaml").read_bytes())
    c = tact.Checker(builtin=False)
    c.add_pack(path)
    data = pickle.dumps(c)
    path.unlink()
    with pytest.raises(tact.PackReadError):
        pickle.loads(data)


def test_bad_state():
    c = tact.Checker(builtin=False)
    for state in ([("zip", "x")], [("file",)], ["file"], 5):
        with pytest.raises((ValueError, TypeError)):
            c.__setstate__(state)


def check_in_worker(checker, text):
    return [f.as_dict() for f in checker.check(text)]


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_process_pool(method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(method + " is not available")
    c = recipe_checker()
    expected = [check_in_worker(c, s) for s in sentences()]
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        got = list(pool.map(check_in_worker, [c] * len(sentences()),
                            sentences()))
    assert got == expected
    assert any(got)


_worker_checker = None


def _start(checker):
    global _worker_checker
    _worker_checker = checker


def _work(text):
    return _worker_checker.check(text).as_dict()


def test_process_pool_initializer():
    """docs/python.md: the checker goes to each worker once."""
    c = recipe_checker()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx,
                             initializer=_start, initargs=(c,)) as pool:
        got = list(pool.map(_work, sentences(), chunksize=2))
    assert got == [c.check(s).as_dict() for s in sentences()]
