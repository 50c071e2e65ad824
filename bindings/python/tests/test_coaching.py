"""The coaching layer (libtact 1.1, docs/coaching.md): context keywords,
score, questions, vocabulary profile, bands; the same as the CLI."""

import itertools
import json
import subprocess

import pytest

import tact

from conftest import corpus_files
from test_cli import compare

# Contexts for the CLI comparison, cycled over the corpus messages.
AGES = [None, 19, 30, 45, 70, 151]
NAMES = {"ru": ["Анна", "Иван Петрович"], "ro": ["Ioana"], "kk": ["Айгүл"],
         "en": ["Sarah", "Mr. Brown"]}
CUSTOMERS = {
    "ru": ["Это безобразие!!! Где мой заказ?", "Посоветуйте, какой выбрать?",
           "Спасибо, всё получил."],
    "ro": ["Este o bătaie de joc! Unde este comanda?", "Mulțumesc."],
    "kk": ["Тапсырысым қайда?!!!", "Рахмет."],
    "en": ["THIS IS UNACCEPTABLE, WHERE IS MY ORDER?",
           "Which one should I choose?", "Thanks!"],
}
WAITS = [None, 30, 3600]


def context_corpus(path):
    """The corpus with a coaching context on each message, as JSONL."""
    out = []
    cycle = itertools.count()
    for f in corpus_files():
        with open(f, encoding="utf-8") as src:
            for line in src:
                if not line.strip():
                    continue
                msg = json.loads(line)
                lang = msg.get("lang") or tact.detect_language(msg["text"])
                k = next(cycle)
                ctx = {"id": msg.get("id", str(k)), "text": msg["text"],
                       "lang": msg.get("lang")}
                if AGES[k % len(AGES)] is not None:
                    ctx["age"] = AGES[k % len(AGES)]
                if k % 3 == 0 and lang in NAMES:
                    ctx["name"] = NAMES[lang][k % len(NAMES[lang])]
                if k % 4 != 3 and lang in CUSTOMERS:
                    ctx["customer"] = CUSTOMERS[lang][k % len(CUSTOMERS[lang])]
                if WAITS[k % len(WAITS)] is not None:
                    ctx["wait_seconds"] = WAITS[k % len(WAITS)]
                if k % 5 == 0:
                    ctx["discovery"] = True
                out.append(json.dumps(ctx, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_same_as_cli_with_context(builtin, cli, tmp_path):
    path = context_corpus(tmp_path / "context.jsonl")
    assert compare(builtin, cli, [], {}, path, fix=True) > 100


def test_same_as_cli_with_global_context(builtin, cli, tmp_path):
    path = tmp_path / "replies.jsonl"
    path.write_text("\n".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False)
                              for i, t in enumerate([
        "Здравствуйте! Это экономичный вариант. Вы довольны?",
        "Анна, добрый день! Понимаю Ваше раздражение. Я оформил возврат.",
        "", "?", "Что Вам подсказать? 🙂 Вы уверены?"])) + "\n",
        encoding="utf-8")
    compare(builtin, cli, ["--lang", "ru", "--age", "22", "--name", "Анна",
                           "--customer", "Это безобразие!", "--wait", "1000",
                           "--discovery"],
            {"lang": "ru", "age": 22, "client_name": "Анна",
             "customer_message": "Это безобразие!", "wait_seconds": 1000,
             "discovery": True}, path)


QUESTIONS = [
    ("ru", "🙂 Здравствуйте! Вы довольны? Что Вам подсказать?\n"
           "Как\u0301 Вам «наш ответ?» 👍 Хорошо?"),
    ("ro", "Bună ziua! 😊 Ce vă pot recomanda? Sunteți mulțumit?"),
    ("kk", "Сәлеметсіз бе! 👋 Сізге не керек? Бәрі жақсы ма?"),
    ("en", "Hi! 👋 What can I do for you? Is it ok? 🎉 Really?"),
]


@pytest.mark.parametrize("lang,text", QUESTIONS)
def test_question_spans(builtin, lang, text):
    report = builtin.check(text, lang=lang)
    data = text.encode()
    by_bytes = builtin.check(data, lang=lang).questions
    assert len(report.questions) >= 2
    assert len(by_bytes) == len(report.questions)
    for q, qb in zip(report.questions, by_bytes):
        assert q.kind in ("open", "closed") and q.kind == qb.kind
        start, end = q.span
        assert text[start:end].rstrip().endswith("?")
        assert q.byte_span == qb.span == qb.byte_span
        assert data[qb.span[0]:qb.span[1]] == text[start:end].encode()


def test_report_fields(builtin):
    text = "Здравствуйте! Это экономичный и гарантированный вариант."
    plain = builtin.check(text, lang="ru")
    assert plain.name_status is None and plain.band is None
    assert 0 <= plain.score <= 100
    r = builtin.check(text, lang="ru", age=22, client_name="Анна")
    assert r.name_status == "missing"
    assert r.band == builtin.vocabulary("ru", 22).name
    used = [p for p in r.profile if p.hits]
    assert used and all(isinstance(w, str) for p in used for w in p.words)
    assert r.score == 100 - sum(r.lost.values())
    for cat, points in r.lost.items():
        assert r.score_lost(cat) == points > 0
    assert r.score_lost("no-such-category") == 0
    assert builtin.check("Анна, добрый день!", lang="ru",
                         client_name="Анна").name_status == "addressed"
    d = r.as_dict()
    assert json.loads(json.dumps(d))["lost"] == r.lost
    assert d["profile"][0] == {"band": r.profile[0].band,
                               "hits": r.profile[0].hits,
                               "words": list(r.profile[0].words)}
    assert "score=" in repr(r)


def test_customer_message_as_bytes(builtin):
    text = "Заказ у курьера."
    upset = "Это безобразие, где мой заказ?!"
    expected = builtin.check(text, lang="ru", customer_message=upset)
    assert {f.category for f in expected} >= {"empathy"}
    for form in (upset.encode(), bytearray(upset.encode()),
                 memoryview(upset.encode())):
        assert builtin.check(text, lang="ru",
                             customer_message=form) == expected


def test_context_types(builtin):
    bad = [({"age": "30"}, TypeError), ({"age": 30.0}, TypeError),
           ({"age": True}, TypeError), ({"age": 10 ** 20}, ValueError),
           ({"wait_seconds": 1.5}, TypeError),
           ({"wait_seconds": -5}, ValueError),
           ({"client_name": b"Anna"}, TypeError),
           ({"client_name": "An\0na"}, ValueError),
           ({"customer_message": 5}, TypeError),
           ({"customer_message": b"\xff"}, tact.EncodingError)]
    for kwargs, exc in bad:
        with pytest.raises(exc):
            builtin.check("Hello", lang="en", **kwargs)
    none = builtin.check("Hello", lang="en", age=None, client_name=None,
                         customer_message=None, wait_seconds=None,
                         discovery=None)
    assert none == builtin.check("Hello", lang="en")


def test_bands_match_cli(builtin, cli):
    for lang in ("ru", "ro", "kk", "en"):
        proc = subprocess.run([cli, "vocab", "--lang", lang, "--format",
                               "json"], stdout=subprocess.PIPE, check=False)
        bands = builtin.bands(lang)
        if proc.returncode != 0:
            assert bands == ()
            continue
        listing = json.loads(proc.stdout.decode())
        assert [(b.name, b.theme, b.min_age, b.max_age, list(b.words))
                for b in bands] == \
            [(x["band"], x["theme"], x["min_age"], x["max_age"], x["words"])
             for x in listing]
        for b in bands:
            assert builtin.vocabulary(lang, b.min_age) == b
            assert builtin.vocabulary(lang, b.max_age) == b


def test_vocabulary_errors(builtin):
    assert builtin.bands("xx") == ()
    with pytest.raises(tact.NotFoundError, match="xx"):
        builtin.vocabulary("xx", 30)
    with pytest.raises(tact.NotFoundError):
        builtin.vocabulary("ru", 1000)
    with pytest.raises(TypeError):
        builtin.vocabulary("ru", "30")
    with pytest.raises(TypeError):
        builtin.vocabulary("ru")
    with pytest.raises(TypeError):
        builtin.bands(5)


def test_examples_with_context_prove_their_rules(builtin):
    """Each example, in its context, fires its rule (bad) or not (good),
    as `tact test-pack` runs it."""
    seen = 0
    for rule in builtin.rules:
        for ex in rule.examples:
            assert isinstance(ex.options, dict)
            if not ex.options:
                continue
            seen += 1
            assert set(ex.options) <= {"age", "client_name",
                                       "customer_message", "wait_seconds",
                                       "discovery"}
            found = [f.rule for f in builtin.check(
                ex.text, lang=rule.language, enable=rule.id, **ex.options)]
            assert (rule.id in found) == (ex.kind == "bad"), (rule.id, ex)
    assert seen > 0
