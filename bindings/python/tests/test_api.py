"""The Python surface: versions, checkers, reports, findings, rules."""

import inspect
import pydoc

import pytest

import tact

from conftest import DATA


def test_versions():
    assert tact.__version__ == tact.HEADER_VERSION
    assert tact.version_number() // 10000 == tact.HEADER_VERSION_NUMBER // 10000
    major, minor, patch = (int(x) for x in tact.version().split("."))
    assert tact.version_number() == major * 10000 + minor * 100 + patch
    assert tact.SEVERITIES == ("hint", "warning", "error")
    assert tact.MAX_TEXT == 1 << 30


def test_check_and_rewrite(packs):
    text = "Great product, but expensive. You must fill in the form."
    report = packs.check(text)
    assert isinstance(report, tact.Report)
    assert report.language == "en"
    assert report.status == tact.Status.OK
    assert [f.rule for f in report] == ["en.contrast.pytest-but",
                                        "en.obligation.pytest-must"]
    but, must = report
    assert but.category == "contrast"
    assert but.severity == "warning"
    assert but.match == "but" and but.span == (15, 18)
    assert but.suggestions == ("and",)
    assert but.message == '"But" cancels what came before.'
    assert but.explanation == 'Prefer "and".'
    assert (but.line, but.column) == (1, 16)
    assert must.severity == "error"
    assert must.suggestions == ("Could you fill in the form?",)
    assert packs.rewrite(text) == ("Great product, and expensive. "
                                   "Could you fill in the form?")
    assert packs.rewrite(text.encode()) == packs.rewrite(text).encode()


def test_options(packs):
    text = "Great, but pricey. You must pay. Meet at the café."
    rules = lambda **kw: [f.rule for f in packs.check(text, **kw)]
    everything = rules()
    assert len(everything) == 3
    assert rules(min_severity="warning") == everything[:2]
    assert rules(min_severity="error") == ["en.obligation.pytest-must"]
    assert rules(min_severity=2) == rules(min_severity="error")
    assert rules(min_severity=None) == everything
    assert rules(enable="contrast") == ["en.contrast.pytest-but"]
    assert rules(enable=["contrast", "jargon"]) == [everything[0],
                                                    everything[2]]
    assert rules(enable=("en.obligation.*",)) == [everything[1]]
    assert rules(disable="contrast,jargon") == [everything[1]]
    assert rules(disable=iter(["contrast"])) == everything[1:]
    assert rules(lang="en") == everything
    assert rules(lang="auto") == everything
    # Positional options, in the documented order.
    assert [f.rule for f in packs.check(text, "en", "error")] == \
        ["en.obligation.pytest-must"]


def test_english_messages(packs):
    text = "Хорошо, но дорого."
    ru = packs.check(text)[0]
    en = packs.check(text, english=True)[0]
    assert ru.message == "«Но» перечёркивает сказанное."
    assert en.message == "«но» cancels what came before."
    assert en.explanation == "Prefer «однако»."


def test_include_quotes(packs):
    text = 'The client wrote "fast, but late".'
    assert len(packs.check(text)) == 0
    assert [f.match for f in packs.check(text, include_quotes=True)] == \
        ["but"]


def test_report_is_a_sequence(packs):
    report = packs.check("a but b. c but d. e but f.")
    assert len(report) == 3 and bool(report)
    assert report[-1] == report[2] and report[0] != report[1]
    assert report[1:] == (report[1], report[2])
    assert report[::-1] == tuple(reversed(report))
    assert report[5:] == ()
    assert report[0] in report
    assert list(report) == list(report[:])
    with pytest.raises(IndexError):
        report[3]
    with pytest.raises(IndexError):
        report[-4]
    with pytest.raises(TypeError):
        report["x"]
    empty = packs.check("nothing here")
    assert len(empty) == 0 and not empty and list(empty) == []
    assert report == packs.check("a but b. c but d. e but f.")
    assert report != empty
    assert "findings=(Finding(rule='en.contrast.pytest-but'" in repr(report)
    d = report.as_dict()
    assert d["language"] == "en" and d["status"] == tact.Status.OK
    assert [f["span"] for f in d["findings"]] == [(2, 5), (11, 14), (20, 23)]


def test_finding_is_immutable_and_hashable(packs):
    f = packs.check("x but y")[0]
    with pytest.raises(AttributeError):
        f.rule = "other"
    with pytest.raises(AttributeError):
        f.extra = 1
    g = packs.check("x but y")[0]
    assert f == g and hash(f) == hash(g) and f is not g
    assert len({f, g}) == 1
    assert repr(f) == ("Finding(rule='en.contrast.pytest-but', "
                       "category='contrast', severity='warning', "
                       "span=(2, 5), match='but', suggestions=('and',))")
    assert f.as_dict() == {
        "rule": "en.contrast.pytest-but", "category": "contrast",
        "severity": "warning", "span": (2, 5), "match": "but",
        "suggestions": ("and",), "message": '"But" cancels what came before.',
        "explanation": 'Prefer "and".', "byte_span": (2, 5),
        "cp_span": (2, 5), "line": 1, "column": 3}
    with pytest.raises(TypeError):
        tact.Finding()
    with pytest.raises(TypeError):
        tact.Report()


def test_findings_outlive_report_and_checker():
    checker = tact.Checker(builtin=False)
    checker.add_pack(DATA / "pytest-en.yaml")
    findings = list(checker.check("x but y"))
    rules = checker.rules
    del checker
    assert findings[0].match == "but"
    assert rules[0].id == "en.contrast.pytest-but"


def test_rules(packs):
    rules = packs.rules
    assert [r.id for r in rules][:3] == ["en.contrast.pytest-but",
                                         "en.obligation.pytest-must",
                                         "en.jargon.pytest-cafe"]
    r = rules[0]
    assert (r.category, r.severity, r.language, r.pack) == \
        ("contrast", "warning", "en", "pytest-en")
    assert r.message == r.message_en == '"But" cancels what came before.'
    assert r.explanation == 'Prefer "and".'
    assert r.source == ""
    assert r.trigger_count == 1
    assert r.examples == (
        ("bad", "Great product, but expensive.",
         "Great product, and expensive.", {}),
        ("good", "Butter is fine.", None, {}),
        ("good", "Not only fast but also cheap.", None, {}))
    ex = r.examples[0]
    assert isinstance(ex, tact.Example)
    assert (ex.kind, ex.fix) == ("bad", "Great product, and expensive.")
    ru = [x for x in rules if x.id == "ru.contrast.pytest-no"][0]
    assert ru.message_en == "«но» cancels what came before."
    assert ru.explanation_en == "Prefer «однако»."
    assert rules[0] == packs.rules[0] and rules[0] != rules[1]
    assert hash(rules[0]) == hash(packs.rules[0])
    assert repr(r) == "<tact.Rule en.contrast.pytest-but (contrast, " \
                      "warning, en)>"


def test_builtin_checker(builtin):
    assert builtin.builtin is True
    assert len(builtin.rules) > 0
    assert {r.language for r in builtin.rules} <= {"ru", "ro", "kk", "en"}
    empty = tact.Checker(builtin=False)
    assert empty.builtin is False and empty.rules == ()
    assert len(empty.check("You must pay, but now.")) == 0


def test_sources_and_repr(tmp_path):
    c = tact.Checker(builtin=False)
    c.add_pack(str(DATA / "pytest-en.yaml"))
    c.add_pack_string((DATA / "pytest-ru.yaml").read_text(), name="ru")
    c.add_pack_string((DATA / "pytest-ro.yaml").read_bytes())
    assert [s[0] for s in c.sources] == ["file", "string", "string"]
    assert c.sources[1][2] == "ru" and c.sources[2][2] is None
    assert repr(c) == "<tact.Checker builtin=False packs=3 rules=6>"


def test_detect_language():
    assert tact.detect_language("Сәлеметсіз бе, Айгүл! Тауар қымбат.") == "kk"
    assert tact.detect_language("Здравствуйте, Анна!") == "ru"
    assert tact.detect_language("Bună ziua! Sunteţi sigur?") == "ro"
    assert tact.detect_language("Hello there") == "en"
    assert tact.detect_language("Hello there".encode()) == "en"
    assert tact.detect_language("") in ("ru", "ro", "kk", "en")
    with pytest.raises(tact.EncodingError):
        tact.detect_language(b"\xc3")
    with pytest.raises(TypeError):
        tact.detect_language(5)


def test_module_shortcuts():
    assert tact.default_checker() is tact.default_checker()
    text = "Товар хороший, но дорогой."
    assert tact.check(text, lang="ru") == tact.default_checker().check(
        text, lang="ru")
    assert tact.rewrite(text) == tact.default_checker().rewrite(text)


def test_help_and_signatures():
    sig = inspect.signature(tact.Checker.check)
    assert list(sig.parameters) == ["self", "text", "lang", "min_severity",
                                    "enable", "disable", "english",
                                    "include_quotes", "age", "client_name",
                                    "customer_message", "wait_seconds",
                                    "discovery"]
    assert list(inspect.signature(tact.Checker.rewrite).parameters) == \
        list(sig.parameters)
    assert list(inspect.signature(tact.Checker.check_many).parameters) == \
        ["self", "texts"] + list(sig.parameters)[2:]
    doc = pydoc.plain(pydoc.render_doc(tact.Checker))
    for word in ("add_pack", "add_pack_string", "check", "check_many",
                 "rewrite", "rules",
                 "bands", "vocabulary", "builtin=True", "threads",
                 "customer_message"):
        assert word in doc
    assert "text[start:end] == match" in tact.Finding.span.__doc__
    assert tact.Error.__doc__ and tact.PackError.__doc__


def test_uninitialised_subclass():
    class Lazy(tact.Checker):
        def __init__(self):
            pass

    with pytest.raises(RuntimeError):
        Lazy().check("text")
    c = tact.Checker(builtin=False)
    with pytest.raises(RuntimeError):
        c.__init__()


def test_stub_names_every_method():
    """tact/_tact.pyi declares every public method of Checker and Report,
    with the runtime's parameter names."""
    import ast
    import pathlib
    stub = pathlib.Path(tact.__file__).with_name("_tact.pyi")
    classes = {n.name: n for n in ast.parse(stub.read_text()).body
               if isinstance(n, ast.ClassDef)}
    for cls in (tact.Checker, tact.Report):
        declared = {f.name: f for f in classes[cls.__name__].body
                    if isinstance(f, ast.FunctionDef)}
        for name in dir(cls):
            member = getattr(cls, name)
            if name.startswith("_") or not callable(member):
                continue
            assert name in declared, name
            params = [a.arg for a in declared[name].args.posonlyargs +
                      declared[name].args.args]
            try:
                runtime = list(inspect.signature(member).parameters)
            except ValueError:
                continue
            assert params == runtime, name
