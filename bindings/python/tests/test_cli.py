"""The binding finds exactly what the CLI finds (`tact check --input jsonl
--format jsonl`) on the shared corpus, whatever the built-in packs hold."""

import json
import subprocess

import pytest

import tact

from conftest import DATA, TEST_PACKS, corpus_files
from test_spans import TEXTS

VARIANTS = {
    "default": ([], {}),
    "english": (["--english"], {"english": True}),
    "warning": (["--min-severity", "warning"], {"min_severity": "warning"}),
    "quotes": (["--include-quotes", "--disable", "contrast"],
               {"include_quotes": True, "disable": "contrast"}),
}

ERROR_CLASSES = {"utf8": tact.EncodingError, "language": tact.NotFoundError,
                 "too_big": tact.TooBigError}


def cli_lines(cli, args, path):
    proc = subprocess.run([cli, "check", "--input", "jsonl", "--format",
                           "jsonl", "--color", "never"] + args + [str(path)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=False)
    assert proc.returncode in (0, 1, 2), proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def as_cli(finding):
    """A Finding in the CLI's JSON shape."""
    return {"rule": finding.rule, "category": finding.category,
            "severity": finding.severity,
            "start": finding.byte_span[0], "end": finding.byte_span[1],
            "cp_start": finding.cp_span[0], "cp_end": finding.cp_span[1],
            "line": finding.line, "column": finding.column,
            "match": finding.match, "message": finding.message,
            "explanation": finding.explanation,
            "suggestions": list(finding.suggestions)}


# The coaching context of a JSONL message: its member -> check() keyword.
CONTEXT = {"age": "age", "name": "client_name",
           "customer": "customer_message", "wait_seconds": "wait_seconds",
           "discovery": "discovery"}


def coaching_as_cli(report):
    """The coaching members of the CLI's JSON object for a Report."""
    kinds = [q.kind for q in report.questions]
    out = {"score": report.score, "lost": report.lost,
           "questions": {"open": kinds.count("open"),
                         "closed": kinds.count("closed")}}
    if report.name_status is not None:
        out["name"] = report.name_status
    if report.band is not None:
        out["band"] = report.band
    if report.profile:
        out["profile"] = [{"band": p.band, "hits": p.hits,
                           "words": list(p.words)} for p in report.profile]
    return out


def compare(checker, cli, args, options, path, fix=False):
    with open(path, encoding="utf-8") as f:
        inputs = [json.loads(line) for line in f if line.strip()]
    outputs = cli_lines(cli, args + (["--fix"] if fix else []), path)
    assert len(outputs) == len(inputs)
    for msg, out in zip(inputs, outputs):
        text = msg["text"]
        opts = dict(options)
        opts.update((CONTEXT[k], v) for k, v in msg.items() if k in CONTEXT)
        if msg.get("lang"):
            opts["lang"] = msg["lang"]
        assert out["id"] == msg.get("id", out["id"])
        if "error" in out:
            cls = ERROR_CLASSES.get(out["error"]["code"], tact.Error)
            with pytest.raises(cls):
                checker.check(text, **opts)
            continue
        for data in (text, text.encode()):
            report = checker.check(data, **opts)
            assert report.language == out["language"], msg
            got = [as_cli(f) for f in report]
            if isinstance(data, bytes):
                for g in got:
                    g["match"] = g["match"].decode()
            assert got == out["findings"], msg
            coaching = coaching_as_cli(report)
            assert coaching == {k: out[k] for k in out if k in coaching or
                                k in ("name", "band", "profile")}, msg
            assert list(report.lost) == list(out["lost"]), msg  # order
        if fix:
            assert checker.rewrite(text, **opts) == \
                out["fixed"], msg
    return len(inputs)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_same_as_cli_builtin(builtin, cli, variant, path):
    args, options = VARIANTS[variant]
    assert compare(builtin, cli, args, options, path,
                   fix=variant == "default") > 0


def test_same_as_cli_on_odd_texts(builtin, packs, cli, tmp_path):
    """Emoji, combining marks, several lines; built-in and user packs."""
    path = tmp_path / "odd.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        n = 0
        for lang, texts in sorted(TEXTS.items()):
            for text in texts:
                n += 1
                for given in (lang, None):
                    f.write(json.dumps({"id": "odd-%d" % n, "text": text,
                                        "lang": given},
                                       ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "bad-lang", "text": "x", "lang": "xx"})
                + "\n")
    compare(builtin, cli, [], {}, path, fix=True)
    pack_args = ["--no-builtin"]
    for name in TEST_PACKS:
        pack_args += ["--pack", str(DATA / name)]
    compare(packs, cli, pack_args, {}, path, fix=True)


@pytest.mark.parametrize("english", [False, True])
def test_rules_match_cli(builtin, cli, english):
    args = [cli, "rules", "--format", "json"] + (["--english"] if english
                                                 else [])
    listing = json.loads(subprocess.run(args, stdout=subprocess.PIPE,
                                        check=True).stdout.decode())
    rules = {r.id: r for r in builtin.rules}
    assert sorted(r["id"] for r in listing) == sorted(rules)
    for out in listing:
        rule = rules[out["id"]]
        for key, value in out.items():
            if key in ("message", "explanation") and english:
                key += "_en"
            if hasattr(rule, key):
                assert getattr(rule, key) == value, (rule.id, key)
