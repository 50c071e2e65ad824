"""Spans: str indices for str texts, byte offsets for bytes, on texts with
emoji, combining marks and several lines, in ru, ro, kk and en."""

import unicodedata

import pytest

# Texts the test packs fire on, with code points Python counts one by one
# while UTF-8 takes 2 to 4 bytes: emoji with skin tones and ZWJ sequences,
# decomposed letters (base + combining mark) that tact matches after NFC.
TEXTS = {
    "en": [
        "👍🏽 Great product, but 👩\u200d👩\u200d👧 expensive.",
        "Meet at the cafe\u0301, but 🙂 later.\nYou must sign 📝 the form.",
        "🎉🎉 You must pay. 🎉 Then, but only then, the cafe\u0301 opens.",
    ],
    "ru": [
        "🙂 Товар хороший, но дорогой. Вы уверены? 🤔",
        "Хорошо\u0301, но\u0301 дорого.\nВы уверены 😮, но…",
        "Ёлка\u0308 💚 хороша, НО колется.",
    ],
    "ro": [
        "Bună ziua! 😊 Sunteţi sigur?",
        "Sunte\u0163i sigur\u0103? 🧐 Sunte\u021bi sigur?",
        "Sunte" "t\u0326" "i sigur? 🙏",  # t + combining comma below
    ],
    "kk": [
        "🙂 Тауар жақсы, бірақ қымбат.",
        "Сәлеметсіз бе! 👋\nТауар жақсы, бірақ 💸 қымбат. Бірақ бар.",
    ],
}

CASES = [(lang, text) for lang, texts in TEXTS.items() for text in texts]


def line_column(text, index):
    """1-based line and column (in code points) of text[index]."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def check_str_spans(report, text):
    data = text.encode()
    for f in report:
        start, end = f.span
        assert f.span == f.cp_span
        assert text[start:end] == f.match
        b0, b1 = f.byte_span
        assert data[b0:b1] == f.match.encode()
        assert len(text[:start].encode()) == b0
        assert (f.line, f.column) == line_column(text, start)


@pytest.mark.parametrize("lang,text", CASES)
def test_str_spans_round_trip(packs, lang, text):
    report = packs.check(text, lang=lang)
    assert len(report) > 0, "the test packs should fire on %r" % text
    check_str_spans(report, text)
    if unicodedata.is_normalized("NFC", text):
        # (tact 1.0 detects the language before NFC: a decomposed ț does
        # not count as Romanian evidence.)
        assert packs.check(text).language == lang


@pytest.mark.parametrize("lang,text", CASES)
def test_bytes_spans_round_trip(packs, lang, text):
    data = text.encode()
    by_str = packs.check(text, lang=lang)
    by_bytes = packs.check(data, lang=lang)
    assert len(by_bytes) == len(by_str)
    for fb, fs in zip(by_bytes, by_str):
        assert fb.span == fb.byte_span == fs.byte_span
        assert isinstance(fb.match, bytes)
        assert data[fb.span[0]:fb.span[1]] == fb.match == fs.match.encode()
        assert fb.cp_span == fs.span
        assert (fb.rule, fb.line, fb.column, fb.suggestions) == \
            (fs.rule, fs.line, fs.column, fs.suggestions)


@pytest.mark.parametrize("lang,text", CASES)
def test_builtin_spans_round_trip(builtin, lang, text):
    """Whatever the built-in packs find, spans round-trip."""
    check_str_spans(builtin.check(text, lang=lang), text)
    check_str_spans(builtin.check(text, lang=lang, include_quotes=True),
                    text)


def test_buffers_are_bytes(packs):
    text = "🙂 Great, but 🙂 pricey."
    data = text.encode()
    expected = [f.as_dict() for f in packs.check(data)]
    for buf in (bytearray(data), memoryview(data)):
        assert [f.as_dict() for f in packs.check(buf)] == expected
        assert packs.rewrite(buf) == packs.rewrite(data)
        assert isinstance(packs.rewrite(buf), bytes)


def test_combining_marks_stay_in_the_match(packs):
    text = "Meet at the cafe\u0301 now."
    f = [f for f in packs.check(text) if f.category == "jargon"][0]
    assert f.match == "cafe\u0301"                 # the original, not NFC
    assert unicodedata.normalize("NFC", f.match) == "café"
    assert f.span == (12, 17) and f.byte_span == (12, 18)
    assert packs.rewrite(text) == "Meet at the coffee shop now."


def test_rewrite_keeps_emoji(packs):
    text = "👍🏽 Great, but 👩\u200d👩\u200d👧 pricey.\r\nYou must pay 💳."
    out = packs.rewrite(text)
    assert out == "👍🏽 Great, and 👩\u200d👩\u200d👧 pricey.\r\n" \
                  "Could you pay 💳?"
    assert packs.rewrite(out) == out


def test_lines_and_columns(packs):
    text = "Hi 👋\n\nWell, but 🙂\nbut\r\nok, but"
    report = packs.check(text, lang="en")
    assert [(f.line, f.column) for f in report] == \
        [line_column(text, f.span[0]) for f in report]
    assert len(report) == 3


def test_embedded_nul(packs):
    text = "a\0b, but\0 c"
    report = packs.check(text)
    check_str_spans(report, text)
    assert [f.match for f in report] == ["but"]
    assert packs.rewrite(text) == "a\0b, and\0 c"
    assert packs.check(text.encode())[0].match == b"but"


def test_huge_text(packs):
    unit = "🙂 Great product, but expensive. Ok.\n"
    text = unit * 50000                               # 2 MB of UTF-8
    report = packs.check(text, lang="en")
    assert len(report) == 50000
    last = report[-1]
    assert text[last.span[0]:last.span[1]] == "but"
    assert last.line == 50000
    assert len(packs.rewrite(text)) == len(text)
