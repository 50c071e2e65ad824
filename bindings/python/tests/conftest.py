"""Shared fixtures of the binding's tests.

meson test runs them with PYTHONPATH at the package in the build tree and
these variables (all optional when running pytest by hand):
  TACT_PY_PACKAGE_DIR  where tact must be imported from (checked)
  TACT_CLI             the tact command of the same build (CLI comparisons)
  TACT_SOURCE_ROOT     the repository (examples/, tests/corpus/)
  TACT_PY_FAKE_LIB     a library faking another libtact major version
"""

import os
import pathlib

import pytest

import tact

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"
SOURCE_ROOT = pathlib.Path(os.environ.get("TACT_SOURCE_ROOT",
                                          HERE.parents[2]))
TEST_PACKS = ["pytest-en.yaml", "pytest-ru.yaml", "pytest-ro.yaml",
              "pytest-kk.yaml"]


def pytest_report_header(config):
    return "tact %s from %s" % (tact.version(), tact.__file__)


def pytest_sessionstart(session):
    expected = os.environ.get("TACT_PY_PACKAGE_DIR")
    if expected:
        got = pathlib.Path(tact.__file__).resolve().parent
        want = (pathlib.Path(expected) / "tact").resolve()
        if got != want:
            raise pytest.UsageError("testing the tact at %s, not the one "
                                    "built in %s" % (got, want))


@pytest.fixture(scope="session")
def builtin():
    """A Checker with the built-in packs."""
    return tact.Checker()


@pytest.fixture(scope="session")
def packs():
    """A Checker with only the test packs (tests/data/pytest-*.yaml)."""
    checker = tact.Checker(builtin=False)
    for name in TEST_PACKS:
        checker.add_pack(DATA / name)
    return checker


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("TACT_CLI")
    if not path:
        pytest.skip("TACT_CLI is not set (meson test sets it)")
    return path


def corpus_files():
    """The shared corpus: examples/messages.jsonl and tests/corpus/*.jsonl."""
    files = [SOURCE_ROOT / "examples" / "messages.jsonl"]
    files += sorted((SOURCE_ROOT / "tests" / "corpus").glob("*.jsonl"))
    return [f for f in files if f.is_file()]
