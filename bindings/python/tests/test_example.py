"""The CSV example of docs/python.md (examples/findings_csv.py) runs and
writes what the binding finds."""

import csv
import pathlib
import subprocess
import sys

import tact

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
SCRIPT = EXAMPLES / "findings_csv.py"
MESSAGES = EXAMPLES / "messages.csv"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT)] + [str(a) for a in args],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=False)


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_findings_csv(tmp_path, builtin):
    out, fixed = tmp_path / "findings.csv", tmp_path / "fixed.csv"
    proc = run(MESSAGES, out, "--fixed", fixed)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = read(out)
    messages = {m["id"]: m for m in read(MESSAGES)}
    expected = []
    for m in messages.values():
        report = builtin.check(m["text"], lang=m["lang"] or None)
        expected += [(m["id"], report.language, f.rule, f.match)
                     for f in report]
    assert [(r["id"], r["language"], r["rule"], r["match"])
            for r in rows] == expected
    for r in rows:
        text = messages[r["id"]]["text"]
        assert text[int(r["start"]):int(r["end"])] == r["match"]
    assert {r["id"]: r["text"] for r in read(fixed)} == \
        {i: builtin.rewrite(m["text"], lang=m["lang"] or None)
         for i, m in messages.items()}


def test_threads_and_options(tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert run(MESSAGES, one, "--english", "--min-severity",
               "warning").returncode == 0
    assert run(MESSAGES, two, "--english", "--min-severity", "warning",
               "--jobs", "3").returncode == 0
    assert one.read_bytes() == two.read_bytes()
    assert all(r["severity"] in ("warning", "error") for r in read(one))


def test_bad_rows_are_reported(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text,lang\nok,\"Meet at the café.\",en\n"
                   "bad,text,xx\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = run(src, out, "--pack",
               pathlib.Path(__file__).parent / "data" / "pytest-en.yaml")
    assert proc.returncode == 2
    assert "bad: no rules for language 'xx'" in proc.stderr.decode()
    assert "en.jargon.pytest-cafe" in [r["rule"] for r in read(out)]
    assert tact.Checker  # the script's import is the package under test
