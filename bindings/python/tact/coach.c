/*
 * coach.c: the coaching layer of libtact 1.1 (docs/coaching.md) as Python
 * values: age bands and their words (tact.Band), and what a report says
 * beyond its findings: the questions (tact.Question), the vocabulary
 * profile (tact.ProfileEntry), the points each category lost, whether the
 * client was addressed by name.
 *
 * These are small named tuples (struct sequences) filled when asked for:
 * their strings are copied, so they outlive checker and report.
 */
#include "_tact.h"

PyTypeObject *tpy_band_type;
PyTypeObject *tpy_question_type;
PyTypeObject *tpy_profile_type;

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

/* A struct sequence of type from n new references (stolen, NULL-safe). */
static PyObject *record(PyTypeObject *type, PyObject **v, int n)
{
	PyObject *r = PyStructSequence_New(type);
	int k, ok = r != NULL;

	for (k = 0; k < n; k++) {
		ok = ok && v[k];
		if (r && v[k])
			PyStructSequence_SetItem(r, k, v[k]);  /* steals */
		else
			Py_XDECREF(v[k]);
	}
	if (!ok)
		Py_CLEAR(r);  /* unset items are NULL: the dealloc copes */
	return r;
}

/* A tuple of n strings get(obj, i), each copied. */
static PyObject *strings(const void *obj, size_t n,
                         const char *(*get)(const void *, size_t))
{
	PyObject *t = PyTuple_New((Py_ssize_t)n);
	size_t i;

	for (i = 0; t && i < n; i++) {
		PyObject *s = tpy_str(get(obj, i));

		if (!s)
			Py_CLEAR(t);
		else
			PyTuple_SET_ITEM(t, (Py_ssize_t)i, s);
	}
	return t;
}

/* ---------------------------------------------------------------------- */
/* Bands                                                                   */
/* ---------------------------------------------------------------------- */

static const char *band_word(const void *band, size_t i)
{
	return tact_band_word(band, i);
}

static PyObject *band_new(const tact_band *b)
{
	PyObject *v[6];

	v[0] = tpy_str(tact_band_name(b));
	v[1] = tpy_str(tact_band_theme(b, 0));
	v[2] = tpy_str(tact_band_theme(b, 1));
	v[3] = PyLong_FromLong(tact_band_min_age(b));
	v[4] = PyLong_FromLong(tact_band_max_age(b));
	v[5] = strings(b, tact_band_word_count(b), band_word);
	return record(tpy_band_type, v, 6);
}

PyObject *tpy_bands(const tact_checker *checker, PyObject *lang)
{
	const char *l = tpy_cstring(lang, "lang");
	PyObject *t;
	size_t i, n;

	if (!l)
		return NULL;
	n = tact_band_count(checker, l);
	t = PyTuple_New((Py_ssize_t)n);
	for (i = 0; t && i < n; i++) {
		PyObject *b = band_new(tact_band_at(checker, l, i));

		if (!b)
			Py_CLEAR(t);
		else
			PyTuple_SET_ITEM(t, (Py_ssize_t)i, b);
	}
	return t;
}

PyObject *tpy_vocabulary(const tact_checker *checker, PyObject *lang,
                         PyObject *age)
{
	const char *l = tpy_cstring(lang, "lang");
	const tact_band *b;
	int overflow;
	long a;

	if (!l)
		return NULL;
	if (!PyLong_Check(age) || PyBool_Check(age)) {
		PyErr_Format(PyExc_TypeError, "age must be int, not %.200s",
		             Py_TYPE(age)->tp_name);
		return NULL;
	}
	a = PyLong_AsLongAndOverflow(age, &overflow);
	if (a == -1 && PyErr_Occurred())
		return NULL;
	if (overflow || a < -0x7fff || a > 0x7fff) {
		PyErr_Format(PyExc_ValueError, "age out of range: %S", age);
		return NULL;
	}
	b = tact_vocabulary(checker, l, (int)a);
	if (!b) {
		int code = tact_error_position(NULL, NULL, NULL);

		return tpy_raise(code ? code : TACT_ENOTFOUND);
	}
	return band_new(b);
}

/* ---------------------------------------------------------------------- */
/* Questions                                                               */
/* ---------------------------------------------------------------------- */

int tpy_question_offsets(const tact_report *report, const char *text,
                         size_t len, size_t **out)
{
	size_t n = tact_report_question_count(report), k, pos = 0, cp = 0;
	size_t *v;

	*out = NULL;
	if (n == 0)
		return 0;
	v = PyMem_Malloc(2 * n * sizeof *v);
	if (!v) {
		PyErr_NoMemory();
		return -1;
	}
	/* Starts and ends in text order: each byte is looked at once. */
	for (k = 0; k < 2 * n; k++) {
		size_t b = 0;

		tact_report_question(report, k / 2, NULL, k % 2 ? NULL : &b,
		                     k % 2 ? &b : NULL);
		if (b > len)
			b = len;
		if (b < pos)  /* out of order: count again from the start */
			pos = cp = 0;
		for (; pos < b; pos++)
			cp += ((unsigned char)text[pos] & 0xC0) != 0x80;
		v[k] = cp;
	}
	*out = v;
	return 0;
}

static const char *const question_kinds[] = {
	[TACT_QUESTION_OPEN] = "open",
	[TACT_QUESTION_CLOSED] = "closed",
};

#define NKINDS (sizeof question_kinds / sizeof question_kinds[0])

PyObject *tpy_report_questions(const tact_report *report,
                               const size_t *cp_offsets)
{
	size_t i, n = tact_report_question_count(report);
	PyObject *t = PyTuple_New((Py_ssize_t)n);

	for (i = 0; t && i < n; i++) {
		size_t b0 = 0, b1 = 0;
		int kind = -1;
		PyObject *v[3], *q;

		tact_report_question(report, i, &kind, &b0, &b1);
		if (kind >= 0 && (size_t)kind < NKINDS)
			v[0] = PyUnicode_FromString(question_kinds[kind]);
		else  /* a kind this binding does not name */
			v[0] = PyLong_FromLong(kind);
		if (cp_offsets)
			v[1] = Py_BuildValue("(nn)",
			                     (Py_ssize_t)cp_offsets[2 * i],
			                     (Py_ssize_t)cp_offsets[2 * i + 1]);
		else
			v[1] = Py_BuildValue("(nn)", (Py_ssize_t)b0,
			                     (Py_ssize_t)b1);
		v[2] = Py_BuildValue("(nn)", (Py_ssize_t)b0, (Py_ssize_t)b1);
		q = record(tpy_question_type, v, 3);
		if (!q)
			Py_CLEAR(t);
		else
			PyTuple_SET_ITEM(t, (Py_ssize_t)i, q);
	}
	return t;
}

/* ---------------------------------------------------------------------- */
/* Profile, losses, name                                                   */
/* ---------------------------------------------------------------------- */

/* The words of profile entry index of a report. */
struct profile_ref {
	const tact_report *report;
	size_t index;
};

static const char *profile_word(const void *ref, size_t i)
{
	const struct profile_ref *p = ref;

	return tact_report_profile_word(p->report, p->index, i);
}

PyObject *tpy_report_profile(const tact_report *report)
{
	size_t i, n = tact_report_profile_count(report);
	PyObject *t = PyTuple_New((Py_ssize_t)n);

	for (i = 0; t && i < n; i++) {
		struct profile_ref ref = { report, i };
		PyObject *v[3], *e;

		v[0] = tpy_str(tact_report_profile_band(report, i));
		v[1] = PyLong_FromSize_t(tact_report_profile_hits(report, i));
		v[2] = strings(&ref, tact_report_profile_word_count(report, i),
		               profile_word);
		e = record(tpy_profile_type, v, 3);
		if (!e)
			Py_CLEAR(t);
		else
			PyTuple_SET_ITEM(t, (Py_ssize_t)i, e);
	}
	return t;
}

PyObject *tpy_report_lost(const tact_report *report)
{
	size_t i, n = tact_report_count(report);
	PyObject *d = PyDict_New();

	/* The categories of the findings, in order, each once. */
	for (i = 0; d && i < n; i++) {
		const char *cat = tact_finding_category(
		        tact_report_finding(report, i));
		int lost = cat ? tact_report_score_lost(report, cat) : 0;
		PyObject *v;

		if (lost <= 0 || PyDict_GetItemString(d, cat))
			continue;
		v = PyLong_FromLong(lost);
		if (!v || PyDict_SetItemString(d, cat, v) < 0)
			Py_CLEAR(d);
		Py_XDECREF(v);
	}
	return d;
}

PyObject *tpy_report_name_status(const tact_report *report)
{
	switch (tact_report_name_status(report)) {
	case TACT_NAME_ADDRESSED:
		return PyUnicode_FromString("addressed");
	case TACT_NAME_MISSING:
		return PyUnicode_FromString("missing");
	default:  /* TACT_NAME_UNKNOWN: the check had no client_name */
		Py_RETURN_NONE;
	}
}

/* ---------------------------------------------------------------------- */
/* Types                                                                   */
/* ---------------------------------------------------------------------- */

static PyStructSequence_Field band_fields[] = {
	{ "name", "the band's name: '60+', '40-60', '25-40', '<25'" },
	{ "theme", "what its words evoke, in the pack's language" },
	{ "theme_en", "the same in English (as theme when the pack has none)" },
	{ "min_age", "the youngest age it covers" },
	{ "max_age", "the oldest age it covers" },
	{ "words", "its words, in their dictionary form (a tuple of str)" },
	{ NULL, NULL }
};

static PyStructSequence_Desc band_desc = {
	"tact.Band",
	"An age band of a vocabulary pack: the words that speak to clients\n"
	"of that age (docs/coaching.md).",
	band_fields, 6
};

static PyStructSequence_Field question_fields[] = {
	{ "kind", "'open' (gathers information) or 'closed' (yes or no)" },
	{ "span", "(start, end) in the text checked: str indices for a str,\n"
	          "byte offsets for bytes" },
	{ "byte_span", "(start, end) in bytes of the UTF-8 text" },
	{ NULL, NULL }
};

static PyStructSequence_Desc question_desc = {
	"tact.Question",
	"A question the reply asks: a sentence ending in '?'.",
	question_fields, 3
};

static PyStructSequence_Field profile_fields[] = {
	{ "band", "the age band's name" },
	{ "hits", "how many times the text used a word of the band" },
	{ "words", "which words (dictionary forms, each once, in text order)" },
	{ NULL, NULL }
};

static PyStructSequence_Desc profile_desc = {
	"tact.ProfileEntry",
	"One band of a report's vocabulary profile.",
	profile_fields, 3
};

static int new_type(PyTypeObject **type, PyStructSequence_Desc *desc)
{
	if (!*type)
		*type = PyStructSequence_NewType(desc);
	return *type ? 0 : -1;
}

int tpy_coach_init_types(void)
{
	if (new_type(&tpy_band_type, &band_desc) < 0 ||
	    new_type(&tpy_question_type, &question_desc) < 0 ||
	    new_type(&tpy_profile_type, &profile_desc) < 0)
		return -1;
	return 0;
}
