/*
 * report.c: tact.Report (a sequence of findings over one tact_report) and
 * tact.Finding (a view of one tact_finding; it keeps its report alive).
 *
 * Nothing is copied up front: a Finding's fields are read from the C
 * report when asked for. Every field is a row of finding_getset; as_dict(),
 * ==, hash() and pickling-free export all walk that table, so a new
 * accessor of the C API is one getter and one row.
 *
 * Spans: the C API gives both byte and code-point offsets, so nothing is
 * converted here. For a str text, span is the code-point span (Python str
 * indices) and match a str; for bytes, span is the byte span and match
 * bytes. byte_span and cp_span are always there.
 */
#include "_tact.h"

#include <structmember.h>  /* PyMemberDef before 3.12 */

typedef struct {
	PyObject_HEAD
	tact_report *report;
	int as_bytes;
	size_t *question_cps;  /* code-point spans of the questions (str) */
} ReportObject;

typedef struct {
	PyObject_HEAD
	ReportObject *report;      /* owns the tact_report */
	const tact_finding *finding;
} FindingObject;

/* ---------------------------------------------------------------------- */
/* Finding fields                                                          */
/* ---------------------------------------------------------------------- */

typedef const char *(*finding_str_fn)(const tact_finding *);

static finding_str_fn get_rule = tact_finding_rule;
static finding_str_fn get_category = tact_finding_category;
static finding_str_fn get_message = tact_finding_message;
static finding_str_fn get_explanation = tact_finding_explanation;

/* A string accessor of the C API; closure points at it. */
static PyObject *finding_string(FindingObject *self, void *closure)
{
	finding_str_fn get = *(finding_str_fn *)closure;

	return tpy_str(get(self->finding));
}

static PyObject *finding_severity(FindingObject *self, void *Py_UNUSED(closure))
{
	return tpy_severity_name(tact_finding_severity(self->finding));
}

static PyObject *finding_match(FindingObject *self, void *Py_UNUSED(closure))
{
	size_t len = 0;
	const char *m = tact_finding_match(self->finding, &len);

	return tpy_text_new(m ? m : "", m ? len : 0, self->report->as_bytes);
}

enum span_kind { SPAN_TEXT, SPAN_BYTES, SPAN_CODE_POINTS, SPAN_LINE,
	         SPAN_COLUMN };

static int span_kinds[] = { SPAN_TEXT, SPAN_BYTES, SPAN_CODE_POINTS,
	                    SPAN_LINE, SPAN_COLUMN };

/* One tact_finding_span() call; closure picks what to return. */
static PyObject *finding_span(FindingObject *self, void *closure)
{
	size_t b0 = 0, b1 = 0, c0 = 0, c1 = 0, line = 0, col = 0;
	int kind = *(int *)closure;

	tact_finding_span(self->finding, &b0, &b1, &c0, &c1, &line, &col);
	if (kind == SPAN_TEXT)
		kind = self->report->as_bytes ? SPAN_BYTES : SPAN_CODE_POINTS;
	switch (kind) {
	case SPAN_BYTES:
		return Py_BuildValue("(nn)", (Py_ssize_t)b0, (Py_ssize_t)b1);
	case SPAN_CODE_POINTS:
		return Py_BuildValue("(nn)", (Py_ssize_t)c0, (Py_ssize_t)c1);
	case SPAN_LINE:
		return PyLong_FromSize_t(line);
	default:
		return PyLong_FromSize_t(col);
	}
}

static PyObject *finding_suggestions(FindingObject *self,
                                     void *Py_UNUSED(closure))
{
	size_t i, n = tact_finding_suggestion_count(self->finding);
	PyObject *t = PyTuple_New((Py_ssize_t)n);

	for (i = 0; t && i < n; i++) {
		const char *text = tact_finding_suggestion(self->finding, i);
		PyObject *s = tpy_str(text);

		if (!s)
			Py_CLEAR(t);
		else
			PyTuple_SET_ITEM(t, (Py_ssize_t)i, s);
	}
	return t;
}

/* The fields, in the order of repr(), as_dict() and comparisons. */
static PyGetSetDef finding_getset[] = {
	{ "rule", (getter)finding_string, NULL,
	  "The id of the rule that fired ('ru.contrast.no').", &get_rule },
	{ "category", (getter)finding_string, NULL,
	  "The rule's category ('contrast', 'obligation'...).", &get_category },
	{ "severity", (getter)finding_severity, NULL,
	  "'hint', 'warning' or 'error'.", NULL },
	{ "span", (getter)finding_span, NULL,
	  "(start, end) of the match in the text checked, end exclusive: str\n"
	  "indices (code points) for a str, byte offsets for bytes, so that\n"
	  "text[start:end] == match.", &span_kinds[SPAN_TEXT] },
	{ "match", (getter)finding_match, NULL,
	  "The matched text, exactly as in the input (bytes for bytes).",
	  NULL },
	{ "suggestions", (getter)finding_suggestions, NULL,
	  "Replacements for the match, best first (a tuple of str; empty when\n"
	  "the rule only reports). rewrite() applies the first.", NULL },
	{ "message", (getter)finding_string, NULL,
	  "What is wrong, in the rule's language (English with english=True).",
	  &get_message },
	{ "explanation", (getter)finding_string, NULL,
	  "Why it hurts, traced to the guidance (English with english=True).",
	  &get_explanation },
	{ "byte_span", (getter)finding_span, NULL,
	  "(start, end) in bytes of the UTF-8 text.", &span_kinds[SPAN_BYTES] },
	{ "cp_span", (getter)finding_span, NULL,
	  "(start, end) in code points (str indices).",
	  &span_kinds[SPAN_CODE_POINTS] },
	{ "line", (getter)finding_span, NULL,
	  "The 1-based line of the start of the match.",
	  &span_kinds[SPAN_LINE] },
	{ "column", (getter)finding_span, NULL,
	  "The 1-based column (in code points) of the start of the match.",
	  &span_kinds[SPAN_COLUMN] },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* How many fields repr() shows (the first ones). */
#define REPR_FIELDS 6

/* ---------------------------------------------------------------------- */
/* Finding                                                                 */
/* ---------------------------------------------------------------------- */

static PyObject *finding_new(ReportObject *report, const tact_finding *f)
{
	FindingObject *self;

	if (!f) {
		PyErr_SetString(PyExc_IndexError, "finding index out of range");
		return NULL;
	}
	self = PyObject_New(FindingObject, &tpy_finding_type);
	if (!self)
		return NULL;
	Py_INCREF(report);
	self->report = report;
	self->finding = f;
	return (PyObject *)self;
}

static void finding_dealloc(FindingObject *self)
{
	Py_DECREF(self->report);
	PyObject_Free(self);
}

/* The values of the first n getters of defs on self, as a tuple. */
static PyObject *getset_values(PyObject *self, const PyGetSetDef *defs,
                               Py_ssize_t n)
{
	PyObject *t = PyTuple_New(n);
	Py_ssize_t i;

	for (i = 0; t && i < n; i++) {
		PyObject *v = defs[i].get(self, defs[i].closure);

		if (!v)
			Py_CLEAR(t);
		else
			PyTuple_SET_ITEM(t, i, v);
	}
	return t;
}

/* The values of the first n fields, as a tuple. */
static PyObject *finding_values(FindingObject *self, Py_ssize_t n)
{
	return getset_values((PyObject *)self, finding_getset, n);
}

#define NFIELDS \
	((Py_ssize_t)(sizeof finding_getset / sizeof finding_getset[0]) - 1)

PyDoc_STRVAR(as_dict_doc,
"as_dict($self, /)\n--\n\n"
"The fields as a dict (field name -> value), for JSON, CSV or pickling.");

static PyObject *finding_as_dict(FindingObject *self,
                                 PyObject *Py_UNUSED(unused))
{
	PyObject *values = finding_values(self, NFIELDS), *d;
	Py_ssize_t i;

	if (!values)
		return NULL;
	d = PyDict_New();
	for (i = 0; d && i < NFIELDS; i++)
		if (PyDict_SetItemString(d, finding_getset[i].name,
		                         PyTuple_GET_ITEM(values, i)) < 0)
			Py_CLEAR(d);
	Py_DECREF(values);
	return d;
}

static PyObject *finding_repr(FindingObject *self)
{
	PyObject *values = finding_values(self, REPR_FIELDS), *parts, *r;
	PyObject *sep;
	Py_ssize_t i;

	if (!values)
		return NULL;
	parts = PyList_New(REPR_FIELDS);
	for (i = 0; parts && i < REPR_FIELDS; i++) {
		PyObject *p = PyUnicode_FromFormat("%s=%R",
		                                   finding_getset[i].name,
		                                   PyTuple_GET_ITEM(values, i));
		if (!p)
			Py_CLEAR(parts);
		else
			PyList_SET_ITEM(parts, i, p);
	}
	Py_DECREF(values);
	if (!parts)
		return NULL;
	sep = PyUnicode_FromString(", ");
	r = sep ? PyUnicode_Join(sep, parts) : NULL;
	Py_XDECREF(sep);
	Py_DECREF(parts);
	if (!r)
		return NULL;
	Py_SETREF(r, PyUnicode_FromFormat("Finding(%U)", r));
	return r;
}

static PyObject *finding_richcompare(PyObject *a, PyObject *b, int op)
{
	PyObject *va, *vb, *r;

	if (!PyObject_TypeCheck(b, &tpy_finding_type) ||
	    (op != Py_EQ && op != Py_NE))
		Py_RETURN_NOTIMPLEMENTED;
	va = finding_values((FindingObject *)a, NFIELDS);
	vb = va ? finding_values((FindingObject *)b, NFIELDS) : NULL;
	r = vb ? PyObject_RichCompare(va, vb, op) : NULL;
	Py_XDECREF(va);
	Py_XDECREF(vb);
	return r;
}

static Py_hash_t finding_hash(FindingObject *self)
{
	PyObject *v = finding_values(self, NFIELDS);
	Py_hash_t h;

	if (!v)
		return -1;
	h = PyObject_Hash(v);
	Py_DECREF(v);
	return h;
}

static PyMethodDef finding_methods[] = {
	{ "as_dict", TPY_METH(finding_as_dict), METH_NOARGS, as_dict_doc },
	{ NULL, NULL, 0, NULL }
};

PyDoc_STRVAR(finding_doc,
"One finding of a check: an immutable view of the C report, which it\n"
"keeps alive. Compare with ==; as_dict() gives every field.");

PyTypeObject tpy_finding_type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "tact.Finding",
	.tp_basicsize = sizeof(FindingObject),
	.tp_dealloc = (destructor)finding_dealloc,
	.tp_repr = (reprfunc)finding_repr,
	.tp_hash = (hashfunc)finding_hash,
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = finding_doc,
	.tp_richcompare = finding_richcompare,
	.tp_methods = finding_methods,
	.tp_getset = finding_getset,
};

/* ---------------------------------------------------------------------- */
/* Report                                                                  */
/* ---------------------------------------------------------------------- */

PyObject *tpy_report_new(tact_report *report, const struct tpy_text *text)
{
	ReportObject *self = PyObject_New(ReportObject, &tpy_report_type);

	if (!self) {
		tact_report_free(report);
		return NULL;
	}
	self->report = report;
	self->as_bytes = text->is_bytes;
	self->question_cps = NULL;
	if (!text->is_bytes &&
	    tpy_question_offsets(report, text->data, (size_t)text->len,
	                         &self->question_cps) < 0) {
		Py_DECREF(self);
		return NULL;
	}
	return (PyObject *)self;
}

static void report_dealloc(ReportObject *self)
{
	tact_report_free(self->report);
	PyMem_Free(self->question_cps);
	PyObject_Free(self);
}

static Py_ssize_t report_length(ReportObject *self)
{
	return (Py_ssize_t)tact_report_count(self->report);
}

static PyObject *report_item(ReportObject *self, Py_ssize_t i)
{
	if (i < 0) {
		PyErr_SetString(PyExc_IndexError, "finding index out of range");
		return NULL;
	}
	return finding_new(self, tact_report_finding(self->report, (size_t)i));
}

/* report[i], report[-1], report[a:b:c] (a tuple). */
static PyObject *report_subscript(ReportObject *self, PyObject *key)
{
	Py_ssize_t n = report_length(self), start, stop, step, len, i;
	PyObject *t;

	if (PyIndex_Check(key)) {
		i = PyNumber_AsSsize_t(key, PyExc_IndexError);
		if (i == -1 && PyErr_Occurred())
			return NULL;
		return report_item(self, i < 0 ? i + n : i);
	}
	if (!PySlice_Check(key)) {
		PyErr_Format(PyExc_TypeError,
		             "Report indices must be integers or slices, not "
		             "%.200s", Py_TYPE(key)->tp_name);
		return NULL;
	}
	if (PySlice_Unpack(key, &start, &stop, &step) < 0)
		return NULL;
	len = PySlice_AdjustIndices(n, &start, &stop, step);
	t = PyTuple_New(len);
	for (i = 0; t && i < len; i++) {
		PyObject *f = report_item(self, start + i * step);

		if (!f)
			Py_CLEAR(t);
		else
			PyTuple_SET_ITEM(t, i, f);
	}
	return t;
}

/* ---- fields: one getter and one row each ---- */

static PyObject *report_findings(ReportObject *self,
                                 void *Py_UNUSED(closure))
{
	PyObject *all = PySlice_New(NULL, NULL, NULL), *t;

	if (!all)
		return NULL;
	t = report_subscript(self, all);
	Py_DECREF(all);
	return t;
}

static PyObject *report_language(ReportObject *self,
                                 void *Py_UNUSED(closure))
{
	return tpy_str(tact_report_language(self->report));
}

static PyObject *report_status(ReportObject *self, void *Py_UNUSED(closure))
{
	return tpy_status(tact_report_status(self->report));
}

static PyObject *report_score(ReportObject *self, void *Py_UNUSED(closure))
{
	return PyLong_FromLong(tact_report_score(self->report));
}

static PyObject *report_lost(ReportObject *self, void *Py_UNUSED(closure))
{
	return tpy_report_lost(self->report);
}

static PyObject *report_questions(ReportObject *self,
                                  void *Py_UNUSED(closure))
{
	return tpy_report_questions(self->report, self->question_cps);
}

static PyObject *report_name_status(ReportObject *self,
                                    void *Py_UNUSED(closure))
{
	return tpy_report_name_status(self->report);
}

static PyObject *report_band(ReportObject *self, void *Py_UNUSED(closure))
{
	return tpy_str(tact_report_band(self->report));
}

static PyObject *report_profile(ReportObject *self, void *Py_UNUSED(closure))
{
	return tpy_report_profile(self->report);
}

/* In the order of as_dict() and ==. */
static PyGetSetDef report_getset[] = {
	{ "language", (getter)report_language, NULL,
	  "The language the text was checked as: the one asked for, or the\n"
	  "one detected ('ru', 'ro', 'kk', 'en'...).", NULL },
	{ "status", (getter)report_status, NULL,
	  "Status.OK, or Status.ELIMIT when a pattern hit its match limit and\n"
	  "the findings are those found within the limits.", NULL },
	{ "findings", (getter)report_findings, NULL,
	  "The findings as a tuple (the report itself is their sequence).",
	  NULL },
	{ "score", (getter)report_score, NULL,
	  "The coaching score, 0 (worst) to 100: 100 minus what each finding\n"
	  "costs by severity (error 15, warning 8, hint 3), at most 40 per\n"
	  "category.", NULL },
	{ "lost", (getter)report_lost, NULL,
	  "The points each category lost, for those that lost any, in the\n"
	  "order of the findings: {'contrast': 8}.", NULL },
	{ "questions", (getter)report_questions, NULL,
	  "The questions the reply asks, in text order: a tuple of\n"
	  "tact.Question (kind 'open' or 'closed', span, byte_span). Counted\n"
	  "in languages with a coaching pack.", NULL },
	{ "name_status", (getter)report_name_status, NULL,
	  "With client_name: 'addressed' or 'missing'; else None.", NULL },
	{ "band", (getter)report_band, NULL,
	  "With age: the client's age band ('60+'), or None when no band\n"
	  "covers the age; None without age.", NULL },
	{ "profile", (getter)report_profile, NULL,
	  "The vocabulary profile: for every age band of the language, in\n"
	  "pack order, a tact.ProfileEntry (band, hits, words): the words of\n"
	  "that band the text used. Empty without a vocabulary pack.", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

#define NREPORT_FIELDS \
	((Py_ssize_t)(sizeof report_getset / sizeof report_getset[0]) - 1)

/* What == compares: every field. */
static PyObject *report_key(ReportObject *self)
{
	return getset_values((PyObject *)self, report_getset, NREPORT_FIELDS);
}

static PyObject *report_richcompare(PyObject *a, PyObject *b, int op)
{
	PyObject *ka, *kb, *r;

	if (!PyObject_TypeCheck(b, &tpy_report_type) ||
	    (op != Py_EQ && op != Py_NE))
		Py_RETURN_NOTIMPLEMENTED;
	ka = report_key((ReportObject *)a);
	kb = ka ? report_key((ReportObject *)b) : NULL;
	r = kb ? PyObject_RichCompare(ka, kb, op) : NULL;
	Py_XDECREF(ka);
	Py_XDECREF(kb);
	return r;
}

/* A value for as_dict(): findings and named tuples (struct sequences,
 * whose fields are the type's members) become dicts, tuples lists, so that
 * json.dumps() takes the result. */
static PyObject *export(PyObject *v)
{
	const PyMemberDef *named;
	PyObject *out;
	Py_ssize_t i, n;

	if (PyObject_TypeCheck(v, &tpy_finding_type))
		return finding_as_dict((FindingObject *)v, NULL);
	if (!PyTuple_Check(v)) {
		Py_INCREF(v);
		return v;
	}
	named = PyTuple_CheckExact(v) ? NULL : Py_TYPE(v)->tp_members;
	n = PyTuple_GET_SIZE(v);
	out = named ? PyDict_New() : PyList_New(n);
	for (i = 0; out && i < n; i++) {
		PyObject *e = export(PyTuple_GET_ITEM(v, i));

		if (!e) {
			Py_CLEAR(out);
		} else if (!named) {
			PyList_SET_ITEM(out, i, e);
		} else {
			if (!named[i].name ||
			    PyDict_SetItemString(out, named[i].name, e) < 0)
				Py_CLEAR(out);
			Py_DECREF(e);
		}
	}
	return out;
}

PyDoc_STRVAR(report_as_dict_doc,
"as_dict($self, /)\n--\n\n"
"Every field as plain data for JSON: {'language': ..., 'status': ...,\n"
"'findings': [finding.as_dict(), ...], 'score': ..., 'lost': {...},\n"
"'questions': [{...}], 'name_status': ..., 'band': ...,\n"
"'profile': [{...}]}.");

static PyObject *report_as_dict(ReportObject *self,
                                PyObject *Py_UNUSED(unused))
{
	PyObject *d = PyDict_New();
	Py_ssize_t i;

	for (i = 0; d && i < NREPORT_FIELDS; i++) {
		const PyGetSetDef *g = &report_getset[i];
		PyObject *v = g->get((PyObject *)self, g->closure), *e;

		e = v ? export(v) : NULL;
		Py_XDECREF(v);
		if (!e || PyDict_SetItemString(d, g->name, e) < 0)
			Py_CLEAR(d);
		Py_XDECREF(e);
	}
	return d;
}

PyDoc_STRVAR(score_lost_doc,
"score_lost($self, category, /)\n--\n\n"
"The points category lost in the score (0 when it has no finding).");

static PyObject *report_score_lost(ReportObject *self, PyObject *category)
{
	const char *c = tpy_cstring(category, "category");

	return c ? PyLong_FromLong(tact_report_score_lost(self->report, c))
	         : NULL;
}

static PyObject *report_repr(ReportObject *self)
{
	PyObject *findings = report_findings(self, NULL), *lang, *r;
	int status = tact_report_status(self->report);

	if (!findings)
		return NULL;
	lang = report_language(self, NULL);
	r = lang ? PyUnicode_FromFormat("<tact.Report language=%R status=%s "
	                                "score=%d findings=%R>", lang,
	                                status ? tact_strerror(status) : "ok",
	                                tact_report_score(self->report),
	                                findings)
	         : NULL;
	Py_XDECREF(lang);
	Py_DECREF(findings);
	return r;
}

static PySequenceMethods report_as_sequence = {
	.sq_length = (lenfunc)report_length,
	.sq_item = (ssizeargfunc)report_item,
};

static PyMappingMethods report_as_mapping = {
	.mp_length = (lenfunc)report_length,
	.mp_subscript = (binaryfunc)report_subscript,
};

static PyMethodDef report_methods[] = {
	{ "as_dict", TPY_METH(report_as_dict), METH_NOARGS,
	  report_as_dict_doc },
	{ "score_lost", TPY_METH(report_score_lost), METH_O, score_lost_doc },
	{ NULL, NULL, 0, NULL }
};

PyDoc_STRVAR(report_doc,
"The result of one check: a read-only sequence of tact.Finding in text\n"
"order (len(), [i], [a:b], iteration), with .language and .status, and\n"
"the coaching results: .score, .lost, .questions, .name_status, .band,\n"
".profile.");

PyTypeObject tpy_report_type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "tact.Report",
	.tp_basicsize = sizeof(ReportObject),
	.tp_dealloc = (destructor)report_dealloc,
	.tp_repr = (reprfunc)report_repr,
	.tp_as_sequence = &report_as_sequence,
	.tp_as_mapping = &report_as_mapping,
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = report_doc,
	.tp_richcompare = report_richcompare,
	.tp_methods = report_methods,
	.tp_getset = report_getset,
};

int tpy_report_init_types(void)
{
	if (PyType_Ready(&tpy_finding_type) < 0 ||
	    PyType_Ready(&tpy_report_type) < 0)
		return -1;
	return 0;
}
