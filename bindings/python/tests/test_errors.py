"""Errors: every TACT_E* code has its class; odd input never crashes."""

import os
import threading
import time

import pytest

import tact

from conftest import DATA

CLASSES = {
    tact.Status.ERROR: (tact.InternalError, ()),
    tact.Status.ENOMEM: (tact.NoMemoryError, (MemoryError,)),
    tact.Status.EINVAL: (tact.InvalidArgumentError, (ValueError,)),
    tact.Status.EUTF8: (tact.EncodingError, (ValueError,)),
    tact.Status.EPACK: (tact.PackError, ()),
    tact.Status.EIO: (tact.PackReadError, (tact.PackError, OSError)),
    tact.Status.ETOOBIG: (tact.TooBigError, (ValueError,)),
    tact.Status.ELIMIT: (tact.LimitError, ()),
    tact.Status.EVERSION: (tact.VersionError, ()),
    tact.Status.ENOTFOUND: (tact.NotFoundError, (LookupError,)),
}


def test_every_code_has_a_class():
    assert set(CLASSES) == set(tact.Status) - {tact.Status.OK}
    for code, (cls, bases) in CLASSES.items():
        assert issubclass(cls, tact.Error)
        for base in bases:
            assert issubclass(cls, base)
        assert cls.code == code
        assert cls.__module__ == "tact"
        assert tact.strerror(code) not in ("", "unknown error")
    assert tact.Error.code is None and tact.Error.file is None
    assert tact.strerror(12345) == "unknown error"
    assert tact.strerror(tact.Status.EUTF8) == "invalid UTF-8"


def test_invalid_utf8_bytes(packs):
    for bad, offset in [(b"\xff", 0), (b"ok, but \xc3(", 8),
                        (b"\xed\xa0\x80", 0), (b"abc\xf0\x9f\x98", 3)]:
        with pytest.raises(tact.EncodingError) as info:
            packs.check(bad)
        assert info.value.offset == offset
        assert info.value.code == tact.Status.EUTF8
        assert isinstance(info.value, ValueError)
        with pytest.raises(tact.EncodingError):
            packs.rewrite(bad)


def test_lone_surrogate_in_str(packs):
    for text, index in [("\udc80", 0), ("ok 🙂 \ud83d but", 5)]:
        with pytest.raises(tact.EncodingError) as info:
            packs.check(text)
        assert info.value.offset == index
        assert "surrogate" in str(info.value)
        assert isinstance(info.value.__cause__, UnicodeEncodeError)
    with pytest.raises(tact.EncodingError):
        packs.check("text", lang="e\udc80n")
    with pytest.raises(tact.EncodingError):
        tact.detect_language("\ud800")


def test_wrong_types(packs):
    for bad in (None, 5, 1.5, ["text"], object()):
        with pytest.raises(TypeError):
            packs.check(bad)
        with pytest.raises(TypeError):
            packs.rewrite(bad)
    with pytest.raises(TypeError):
        packs.check("text", lang=5)
    with pytest.raises(TypeError):
        packs.check("text", lang=b"en")
    with pytest.raises(TypeError):
        packs.check("text", min_severity=1.5)
    with pytest.raises(TypeError):
        packs.check("text", enable=5)
    with pytest.raises(TypeError):
        packs.check("text", enable=[1, 2])
    with pytest.raises(TypeError):
        packs.check("text", disable=b"contrast")
    with pytest.raises(TypeError):
        packs.check("text", colour=True)
    with pytest.raises(TypeError):
        packs.check("text", "en", text="x")
    with pytest.raises(TypeError):
        packs.check()
    with pytest.raises(TypeError):
        packs.check("a", "en", "hint", None, None, False, False, "extra")
    with pytest.raises(TypeError):
        packs.add_pack(5)
    with pytest.raises(TypeError):
        packs.add_pack_string(5)
    with pytest.raises(TypeError):
        tact.Checker(builtin=False, packs=[])


def test_bad_values(packs):
    with pytest.raises(ValueError):
        packs.check("text", min_severity="fatal")
    with pytest.raises(ValueError):
        packs.check("text", min_severity=7)
    with pytest.raises(ValueError):
        packs.check("text", lang="en\0")
    with pytest.raises(ValueError):
        packs.check("text", enable="contrast\0")
    with pytest.raises(ValueError):
        packs.add_pack("pack\0.yaml")
    with pytest.raises(tact.NotFoundError) as info:
        packs.check("text", lang="xx")
    assert "xx" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_pack_errors(tmp_path):
    checker = tact.Checker(builtin=False)
    broken = "pack: broken\nlanguage: en\nrules:\n  - id: en.x.y\n" \
             "    category: contrast\n    severity: warning\n" \
             "    message: m\n    explanation: e\n" \
             "    patterns: ['(unclosed']\n" \
             "    examples: {bad: [], good: []}\n"
    with pytest.raises(tact.PackError) as info:
        checker.add_pack_string(broken, name="acme.yaml")
    e = info.value
    assert e.code == tact.Status.EPACK
    assert e.file == "acme.yaml" and e.line == 9
    assert str(e).startswith("acme.yaml:9:")

    path = tmp_path / "broken.yaml"
    path.write_text(broken)
    with pytest.raises(tact.PackError) as info:
        checker.add_pack(path)
    assert info.value.file == str(path) and info.value.line == 9

    with pytest.raises(tact.PackError) as info:
        checker.add_pack_string("rules: [")
    assert info.value.file == "<string>"

    missing = tmp_path / "missing.yaml"
    with pytest.raises(tact.PackReadError) as info:
        checker.add_pack(missing)
    assert info.value.code == tact.Status.EIO
    assert info.value.file == str(missing)
    assert isinstance(info.value, OSError)

    # A refused pack leaves the checker as it was.
    assert checker.rules == () and checker.sources == ()
    checker.add_pack(DATA / "pytest-en.yaml")
    with pytest.raises(tact.PackError):        # duplicate rule ids
        checker.add_pack(os.fsencode(DATA / "pytest-en.yaml"))
    assert len(checker.rules) == 3 and len(checker.sources) == 1


def test_match_limit_is_a_status():
    checker = tact.Checker(builtin=False)
    checker.add_pack(DATA / "hostile.yaml")
    report = checker.check("a" * 60 + "c", lang="en")
    assert report.status == tact.Status.ELIMIT
    assert "status=match limit reached" in repr(report)
    assert checker.check("hello", lang="en").status == tact.Status.OK


def test_too_big_is_refused_before_reading():
    """A text over MAX_TEXT is refused: shown with a sparse 1 GiB map."""
    mmap = pytest.importorskip("mmap")
    if os.environ.get("TACT_PY_BIG_TESTS") != "1":
        pytest.skip("set TACT_PY_BIG_TESTS=1 (copies 1 GiB)")
    buf = mmap.mmap(-1, tact.MAX_TEXT + 1)
    with pytest.raises(tact.TooBigError):
        tact.Checker(builtin=False).check(buf)


def test_odd_inputs_do_not_crash(builtin):
    odd = ["", "\0", "\0" * 1000, "🙂" * 10000, "\u0301" * 1000,
           "но " * 20000, "\n" * 10000, "a" * 1000000, "\U0010ffff",
           "\ufeffBOM, но", "'\"«»„“" * 1000, "> quoted, но\n" * 100]
    for text in odd:
        for data in (text, text.encode()):
            report = builtin.check(data)
            for f in report:
                assert data[f.span[0]:f.span[1]] == f.match
            builtin.rewrite(data)
            tact.detect_language(data)


def _add_pack_during_check(many):
    """Start a long check, try to add a pack while it runs; returns the
    checker and the error (None when the check had not begun or was over)."""
    checker = tact.Checker(builtin=False)
    checker.add_pack(DATA / "pytest-en.yaml")
    text = "Great, but pricey. " * 300000      # a tenth of a second or more
    started = threading.Event()

    def work():
        started.set()
        if many:
            checker.check_many(["fine"] * 300 + [text])
        else:
            checker.check(text)

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    time.sleep(0.01)
    error = None
    try:
        checker.add_pack(DATA / "pytest-ru.yaml")
    except RuntimeError as e:
        error = e
    worker.join()
    return checker, error


@pytest.mark.parametrize("many", [False, True])
def test_no_pack_while_checking(many):
    """Adding a pack while another thread checks is refused, not a race."""
    # The pack may come before the check begins or after it ends: try
    # again, with a new checker, until it comes while the check runs.
    for _ in range(20):
        checker, error = _add_pack_during_check(many)
        if error is not None:
            break
    assert error is not None, "a pack was never refused during a check"
    assert "while other threads check" in str(error)
    assert len(checker.rules) == 3
    checker.add_pack(DATA / "pytest-ru.yaml")   # fine once it is done
    assert len(checker.rules) == 5
