"""The binding refuses, at import, a libtact of another major version."""

import os
import subprocess
import sys

import pytest

import tact


def import_with(version, number):
    lib = os.environ.get("TACT_PY_FAKE_LIB")
    if not lib or not sys.platform.startswith("linux"):
        pytest.skip("TACT_PY_FAKE_LIB is not set (meson test sets it)")
    env = dict(os.environ, LD_PRELOAD=lib, TACT_FAKE_VERSION=version,
               TACT_FAKE_VERSION_NUMBER=str(number))
    return subprocess.run(
        [sys.executable, "-c", "import tact; print(tact.version())"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)


def test_major_mismatch_is_an_import_error():
    major = tact.HEADER_VERSION_NUMBER // 10000
    for number in ((major + 1) * 10000, (major - 1) * 10000 + 900):
        version = "%d.%d.%d" % (number // 10000, number // 100 % 100,
                                number % 100)
        proc = import_with(version, number)
        assert proc.returncode != 0
        err = proc.stderr.decode()
        assert "ImportError" in err
        assert "built for libtact %s" % tact.HEADER_VERSION in err
        assert version in err


def test_same_major_imports():
    number = tact.HEADER_VERSION_NUMBER + 99
    version = "%d.%d.%d" % (number // 10000, number // 100 % 100,
                            number % 100)
    proc = import_with(version, number)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().strip() == version
