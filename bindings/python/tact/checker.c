/*
 * checker.c: tact.Checker, a tact_checker and the packs it was built from.
 *
 * Threads: check() and rewrite() release the GIL around tact_check() and
 * tact_rewrite() only, check_many() around a batch of tact_check() calls,
 * so threads share one Checker (docs/threading.md).
 * Adding a pack keeps the GIL and is refused while a check runs, so the
 * "build, then read" rule of tact.h cannot be broken from Python.
 */
#include "_tact.h"

typedef struct {
	PyObject_HEAD
	tact_checker *checker;
	PyObject *sources;   /* ('file', path), ('string', yaml, name)... */
	int builtin;
	Py_ssize_t busy;     /* checks running without the GIL */
} CheckerObject;

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

static int ready(CheckerObject *self)
{
	if (self->checker)
		return 0;
	PyErr_SetString(PyExc_RuntimeError,
	                "the Checker is not initialised (Checker.__init__ was "
	                "not called)");
	return -1;
}

static int writable(CheckerObject *self)
{
	if (ready(self) < 0)
		return -1;
	if (self->busy == 0)
		return 0;
	PyErr_SetString(PyExc_RuntimeError,
	                "cannot add a pack to a Checker while other threads "
	                "check with it: add packs first, then share it");
	return -1;
}

/* Remember a pack source so that pickling can add it again. */
static int remember(CheckerObject *self, PyObject *source)
{
	int rc;

	if (!source)
		return -1;
	rc = PyList_Append(self->sources, source);
	Py_DECREF(source);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Construction                                                            */
/* ---------------------------------------------------------------------- */

static int checker_init(CheckerObject *self, PyObject *args, PyObject *kwds)
{
	static char kw_builtin[] = "builtin";
	static char *kwlist[] = { kw_builtin, NULL };
	tact_checker *c = NULL;
	int builtin = 1, rc;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|p:Checker", kwlist,
	                                 &builtin))
		return -1;
	if (self->checker) {
		PyErr_SetString(PyExc_RuntimeError,
		                "Checker.__init__ called twice");
		return -1;
	}
	self->sources = PyList_New(0);
	if (!self->sources)
		return -1;
	/* The built-in packs are compiled here: release the GIL meanwhile
	 * (nobody else can see this checker yet). */
	Py_BEGIN_ALLOW_THREADS
	rc = tact_checker_new(&c, builtin ? TACT_CHECKER_DEFAULT
	                                  : TACT_CHECKER_NO_BUILTIN);
	Py_END_ALLOW_THREADS
	if (rc)
		return tpy_raise(rc), -1;
	self->checker = c;
	self->builtin = builtin;
	return 0;
}

static void checker_dealloc(CheckerObject *self)
{
	tact_checker_free(self->checker);
	Py_XDECREF(self->sources);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

/* ---------------------------------------------------------------------- */
/* Packs                                                                   */
/* ---------------------------------------------------------------------- */

PyDoc_STRVAR(add_pack_doc,
"add_pack($self, path, /)\n--\n\n"
"Compile the YAML rule pack in the file at path (str, bytes or\n"
"os.PathLike) and add its rules (docs/rule-packs.md).\n\n"
"The pack is added whole or not at all. Raises tact.PackError (with\n"
".file and .line) for a refused pack, tact.PackReadError (an OSError)\n"
"when the file cannot be read, tact.TooBigError over 16 MiB.\n"
"Not while other threads check with this Checker (RuntimeError).");

static PyObject *checker_add_pack(CheckerObject *self, PyObject *path)
{
	PyObject *fspath, *encoded = NULL;
	int rc;

	if (writable(self) < 0 || !PyUnicode_FSConverter(path, &encoded))
		return NULL;
	rc = tact_checker_add_pack_file(self->checker,
	                                PyBytes_AS_STRING(encoded));
	Py_DECREF(encoded);
	if (rc)
		return tpy_raise(rc);
	fspath = PyOS_FSPath(path);
	if (!fspath ||
	    remember(self, Py_BuildValue("(sN)", "file", fspath)) < 0)
		return NULL;
	Py_RETURN_NONE;
}

PyDoc_STRVAR(add_pack_string_doc,
"add_pack_string($self, yaml, /, name=None)\n--\n\n"
"Compile a YAML rule pack held in memory (str or bytes) and add its\n"
"rules. name stands for the file name in errors ('<string>' if None).\n\n"
"Raises like add_pack().");

static PyObject *checker_add_pack_string(CheckerObject *self,
                                         PyObject *const *args,
                                         Py_ssize_t nargs, PyObject *kwnames)
{
	static const char *const names[] = { "yaml", "name", NULL };
	PyObject *v[2];
	struct tpy_text yaml;
	const char *name = NULL;
	int rc;

	if (writable(self) < 0 ||
	    tpy_parse_args("add_pack_string", args, nargs, kwnames, names, 2, 1,
	                   v) < 0)
		return NULL;
	if (v[1] && v[1] != Py_None && !(name = tpy_cstring(v[1], "name")))
		return NULL;
	if (tpy_text_get(v[0], "yaml", &yaml) < 0)
		return NULL;
	rc = tact_checker_add_pack_string(self->checker, yaml.data,
	                                  (size_t)yaml.len, name);
	tpy_text_release(&yaml);
	if (rc)
		return tpy_raise(rc);
	if (remember(self, Py_BuildValue("(sOO)", "string", v[0],
	                                 v[1] ? v[1] : Py_None)) < 0)
		return NULL;
	Py_RETURN_NONE;
}

/* ---------------------------------------------------------------------- */
/* Checking and rewriting                                                  */
/* ---------------------------------------------------------------------- */

/* What check() and rewrite() share: their arguments, converted. */
struct call {
	struct tpy_text text;
	struct tpy_options o;
};

/* Bind the arguments of a call to names: the first is required, the
 * options follow (v[1]...). */
static int bind_args(CheckerObject *self, const char *fname,
                     const char *const *names, PyObject *const *args,
                     Py_ssize_t nargs, PyObject *kwnames, PyObject **v)
{
	if (ready(self) < 0)
		return -1;
	return tpy_parse_args(fname, args, nargs, kwnames, names,
	                      tpy_options_count() + 1, 1, v);
}

static int call_begin(CheckerObject *self, const char *fname,
                      PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames, struct call *c)
{
	PyObject *v[TPY_MAX_OPTIONS + 1];

	if (bind_args(self, fname, tpy_options_names(), args, nargs, kwnames,
	              v) < 0 ||
	    tpy_text_get(v[0], "text", &c->text) < 0)
		return -1;
	if (tpy_options_get(v + 1, &c->o) < 0) {
		tpy_text_release(&c->text);
		return -1;
	}
	self->busy++;
	return 0;
}

static void call_end(CheckerObject *self, struct call *c)
{
	self->busy--;
	tpy_options_release(&c->o);
}

/* The options of check(), rewrite() and check_many(), for their
 * signatures. */
#define OPTION_ARGS \
	"lang=None, min_severity=None, enable=None, disable=None, " \
	"english=False, include_quotes=False, age=None, client_name=None, " \
	"customer_message=None, wait_seconds=None, discovery=False"
#define CHECK_ARGS "text, " OPTION_ARGS

#define OPTIONS_DOC \
"text is a str, or UTF-8 bytes (then spans are byte offsets and\n" \
"matches bytes). lang: 'ru', 'ro', 'kk', 'en', a pack's language, or\n" \
"'auto'/None to detect it. min_severity: 'hint', 'warning' or\n" \
"'error' (or 0-2). enable, disable: rule ids and categories, a\n" \
"comma-separated str or an iterable of str; 'ru.contrast.*' is a\n" \
"prefix; disable applies after enable; empty means all. english:\n" \
"messages and explanations in English. include_quotes: also check\n" \
"quoted text, '>' lines, URLs, e-mail addresses and code.\n\n" \
"Coaching (docs/coaching.md): age, the client's age (vocabulary\n" \
"hints, Report.band); client_name (a 'name' hint when the reply does\n" \
"not use it); customer_message, the message the reply answers, str or\n" \
"bytes ('empathy' and 'solution' findings); wait_seconds, how long the\n" \
"client waited (a 'wait' hint); discovery: the reply should discover\n" \
"the client's needs (a 'questions' hint for closed questions only).\n\n" \
"Raises tact.EncodingError (invalid UTF-8, a str with a lone\n" \
"surrogate), tact.NotFoundError (no pack for lang), tact.TooBigError,\n" \
"TypeError and ValueError for bad arguments."

PyDoc_STRVAR(check_doc,
"check($self, /, " CHECK_ARGS ")\n--\n\n"
"Check text and return a tact.Report: the findings, in text order,\n"
"with .language and .status.\n\n" OPTIONS_DOC);

static PyObject *checker_check(CheckerObject *self, PyObject *const *args,
                               Py_ssize_t nargs, PyObject *kwnames)
{
	struct call c;
	tact_report *report = NULL;
	PyObject *result;
	int rc;

	if (call_begin(self, "check", args, nargs, kwnames, &c) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	rc = tact_check(&report, self->checker, c.text.data,
	                (size_t)c.text.len, &c.o.opts);
	Py_END_ALLOW_THREADS
	call_end(self, &c);
	result = rc ? tpy_raise(rc) : tpy_report_new(report, &c.text);
	tpy_text_release(&c.text);
	return result;
}

/*
 * check_many(): the texts are checked a batch at a time, with the GIL
 * released once a batch rather than once a text. A batch ends after
 * MANY_TEXTS texts or once it holds MANY_BYTES of text, so a long list
 * still lets other threads and signals (Ctrl-C) in between batches.
 */
#define MANY_TEXTS 256
#define MANY_BYTES (64 * 1024)

static const char *many_names[TPY_MAX_OPTIONS + 2];  /* "texts", options */

struct batch {
	struct tpy_text text[MANY_TEXTS];
	tact_report *report[MANY_TEXTS];
	Py_ssize_t n;     /* texts read */
	Py_ssize_t done;  /* of them checked */
	int rc;           /* the status of the text that stopped it, or 0 */
};

/* Give the exception being raised an .index: the position of the text it
 * is about in the texts of check_many(). */
static void set_index(Py_ssize_t index)
{
	PyObject *exc = tpy_fetch_exception(), *i;

	if (!exc)
		return;
	i = PyLong_FromSsize_t(index);
	if (!i || PyObject_SetAttrString(exc, "index", i) < 0)
		PyErr_Clear();
	Py_XDECREF(i);
	tpy_restore_exception(exc);
}

static void batch_release(struct batch *b)
{
	Py_ssize_t j;

	for (j = 0; j < b->n; j++)
		tpy_text_release(&b->text[j]);
}

/* Read the texts of a batch from items[first...]. */
static int batch_read(struct batch *b, PyObject *items, Py_ssize_t first)
{
	Py_ssize_t n = PyTuple_GET_SIZE(items), bytes = 0;

	for (b->n = 0; b->n < MANY_TEXTS && first + b->n < n &&
	               bytes < MANY_BYTES; b->n++) {
		struct tpy_text *t = &b->text[b->n];

		if (tpy_text_get(PyTuple_GET_ITEM(items, first + b->n),
		                 "each text", t) < 0) {
			batch_release(b);
			set_index(first + b->n);
			return -1;
		}
		bytes += t->len;
	}
	return 0;
}

/* Check the texts read, without the GIL, until one fails. */
static void batch_check(struct batch *b, const tact_checker *checker,
                        const tact_check_options *opts)
{
	Py_BEGIN_ALLOW_THREADS
	for (b->done = 0, b->rc = 0; b->done < b->n; b->done++) {
		b->rc = tact_check(&b->report[b->done], checker,
		                   b->text[b->done].data,
		                   (size_t)b->text[b->done].len, opts);
		if (b->rc)
			break;
	}
	Py_END_ALLOW_THREADS
}

/* Store the batch's reports in result[first...], or raise the error of
 * the text that failed. The texts are released either way. */
static int batch_store(struct batch *b, PyObject *result, Py_ssize_t first)
{
	Py_ssize_t j;
	int ok = 1;

	if (b->rc) {
		tpy_raise(b->rc);
		set_index(first + b->done);
		ok = 0;
	}
	for (j = 0; j < b->done; j++) {
		PyObject *r;

		if (!ok) {
			tact_report_free(b->report[j]);
			continue;
		}
		r = tpy_report_new(b->report[j], &b->text[j]);
		if (r)
			PyList_SET_ITEM(result, first + j, r);
		else
			ok = 0;
	}
	batch_release(b);
	return ok ? 0 : -1;
}

static PyObject *check_items(CheckerObject *self, PyObject *items,
                             const tact_check_options *opts)
{
	Py_ssize_t n = PyTuple_GET_SIZE(items), first = 0;
	PyObject *result = PyList_New(n);
	struct batch b;

	while (result && first < n) {
		if (batch_read(&b, items, first) < 0) {
			Py_CLEAR(result);
			break;
		}
		batch_check(&b, self->checker, opts);
		if (batch_store(&b, result, first) < 0) {
			Py_CLEAR(result);
			break;
		}
		first += b.n;
		if (first < n && PyErr_CheckSignals() < 0)
			Py_CLEAR(result);
	}
	return result;
}

PyDoc_STRVAR(check_many_doc,
"check_many($self, /, texts, " OPTION_ARGS ")\n--\n\n"
"Check every text of texts (an iterable of str or bytes, not one str)\n"
"with the same options; return a list of tact.Report, one a text, in\n"
"order: what [self.check(t, ...) for t in texts] returns.\n\n"
"The GIL is released once for many texts rather than once a text, so\n"
"threads sharing a Checker keep their cores busy with short messages,\n"
"where check() would hand the GIL over every few microseconds.\n\n"
"Raises what check() raises for the first text that cannot be checked,\n"
"with .index set to its position in texts; no report is returned then.\n"
"The options are those of check():\n\n" OPTIONS_DOC);

static PyObject *checker_check_many(CheckerObject *self, PyObject *const *args,
                                    Py_ssize_t nargs, PyObject *kwnames)
{
	PyObject *v[TPY_MAX_OPTIONS + 1], *items, *result;
	struct tpy_options o;

	if (bind_args(self, "check_many", many_names, args, nargs, kwnames,
	              v) < 0)
		return NULL;
	if (PyUnicode_Check(v[0]) || PyObject_CheckBuffer(v[0])) {
		PyErr_Format(PyExc_TypeError, "check_many() takes an iterable "
		             "of texts, not %.200s: use check() for one text",
		             Py_TYPE(v[0])->tp_name);
		return NULL;
	}
	/* A tuple of its own: nobody can change it while the GIL is free. */
	items = PySequence_Tuple(v[0]);
	if (!items)
		return NULL;
	if (tpy_options_get(v + 1, &o) < 0) {
		Py_DECREF(items);
		return NULL;
	}
	self->busy++;
	result = check_items(self, items, &o.opts);
	self->busy--;
	tpy_options_release(&o);
	Py_DECREF(items);
	return result;
}

PyDoc_STRVAR(rewrite_doc,
"rewrite($self, /, " CHECK_ARGS ")\n--\n\n"
"Return text with the first suggestion of every finding applied (str\n"
"for str, bytes for bytes); text outside findings is kept as is.\n\n"
OPTIONS_DOC);

static PyObject *checker_rewrite(CheckerObject *self, PyObject *const *args,
                                 Py_ssize_t nargs, PyObject *kwnames)
{
	struct call c;
	char *out = NULL;
	size_t out_len = 0;
	PyObject *result;
	int rc;

	if (call_begin(self, "rewrite", args, nargs, kwnames, &c) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	rc = tact_rewrite(&out, &out_len, self->checker, c.text.data,
	                  (size_t)c.text.len, &c.o.opts);
	Py_END_ALLOW_THREADS
	call_end(self, &c);
	tpy_text_release(&c.text);
	if (rc)
		return tpy_raise(rc);
	result = tpy_text_new(out, out_len, c.text.is_bytes);
	tact_free(out);
	return result;
}

/* ---------------------------------------------------------------------- */
/* Rules and pickling                                                      */
/* ---------------------------------------------------------------------- */

static PyObject *checker_rules(CheckerObject *self, void *Py_UNUSED(closure))
{
	size_t i, n;
	PyObject *rules;

	if (ready(self) < 0)
		return NULL;
	n = tact_checker_rule_count(self->checker);
	rules = PyTuple_New((Py_ssize_t)n);
	for (i = 0; rules && i < n; i++) {
		PyObject *r = tpy_rule_new((PyObject *)self,
		                           tact_checker_rule(self->checker, i));
		if (!r)
			Py_CLEAR(rules);
		else
			PyTuple_SET_ITEM(rules, (Py_ssize_t)i, r);
	}
	return rules;
}

PyDoc_STRVAR(bands_doc,
"bands($self, lang, /)\n--\n\n"
"The age bands of lang's vocabulary pack, in pack order: a tuple of\n"
"tact.Band (empty when lang has none).");

static PyObject *checker_bands(CheckerObject *self, PyObject *lang)
{
	return ready(self) < 0 ? NULL : tpy_bands(self->checker, lang);
}

PyDoc_STRVAR(vocabulary_doc,
"vocabulary($self, lang, age, /)\n--\n\n"
"The tact.Band of lang that holds a client of age: the words that speak\n"
"to them. Raises tact.NotFoundError when lang has no vocabulary or no\n"
"band covers age.");

static PyObject *checker_vocabulary(CheckerObject *self,
                                    PyObject *const *args, Py_ssize_t nargs)
{
	if (ready(self) < 0)
		return NULL;
	if (nargs != 2) {
		PyErr_Format(PyExc_TypeError, "vocabulary() takes 2 arguments "
		             "(%zd given)", nargs);
		return NULL;
	}
	return tpy_vocabulary(self->checker, args[0], args[1]);
}

static PyObject *checker_builtin(CheckerObject *self, void *Py_UNUSED(closure))
{
	return PyBool_FromLong(self->builtin);
}

static PyObject *checker_sources(CheckerObject *self, void *Py_UNUSED(closure))
{
	if (ready(self) < 0)
		return NULL;
	return PyList_AsTuple(self->sources);
}

PyDoc_STRVAR(reduce_doc,
"__reduce__($self, /)\n--\n\n"
"Pickle support: a Checker is pickled as its recipe (builtin and the\n"
"pack sources) and rebuilt from it; pack files are read again.");

static PyObject *checker_reduce(CheckerObject *self,
                                PyObject *Py_UNUSED(unused))
{
	if (ready(self) < 0)
		return NULL;
	return Py_BuildValue("(O(O)N)", (PyObject *)Py_TYPE(self),
	                     self->builtin ? Py_True : Py_False,
	                     PyList_AsTuple(self->sources));
}

/* Add one pack source again: ('file', path) or ('string', yaml, name). */
static int add_source(CheckerObject *self, PyObject *src)
{
	PyObject *kind, *r = NULL;

	if (!PyTuple_Check(src) || PyTuple_GET_SIZE(src) < 2 ||
	    !PyUnicode_Check(kind = PyTuple_GET_ITEM(src, 0))) {
		PyErr_SetString(PyExc_ValueError, "bad Checker pickle state");
		return -1;
	}
	if (PyUnicode_CompareWithASCIIString(kind, "file") == 0)
		r = checker_add_pack(self, PyTuple_GET_ITEM(src, 1));
	else if (PyUnicode_CompareWithASCIIString(kind, "string") == 0 &&
	         PyTuple_GET_SIZE(src) == 3)
		r = checker_add_pack_string(self, &PyTuple_GET_ITEM(src, 1), 2,
		                            NULL);
	else
		PyErr_SetString(PyExc_ValueError, "bad Checker pickle state");
	Py_XDECREF(r);
	return r ? 0 : -1;
}

PyDoc_STRVAR(setstate_doc,
"__setstate__($self, state, /)\n--\n\n"
"Pickle support: add the pack sources of state.");

static PyObject *checker_setstate(CheckerObject *self, PyObject *state)
{
	PyObject *seq = PySequence_Fast(state, "bad Checker pickle state");
	Py_ssize_t i;

	if (!seq)
		return NULL;
	for (i = 0; i < PySequence_Fast_GET_SIZE(seq); i++)
		if (add_source(self, PySequence_Fast_GET_ITEM(seq, i)) < 0) {
			Py_DECREF(seq);
			return NULL;
		}
	Py_DECREF(seq);
	Py_RETURN_NONE;
}

static PyObject *checker_repr(CheckerObject *self)
{
	if (!self->checker)
		return PyUnicode_FromFormat("<%s (uninitialised)>",
		                            Py_TYPE(self)->tp_name);
	return PyUnicode_FromFormat("<%s builtin=%s packs=%zd rules=%zu>",
	                            Py_TYPE(self)->tp_name,
	                            self->builtin ? "True" : "False",
	                            PyList_GET_SIZE(self->sources),
	                            tact_checker_rule_count(self->checker));
}

static PyMethodDef checker_methods[] = {
	{ "add_pack", TPY_METH(checker_add_pack), METH_O, add_pack_doc },
	{ "add_pack_string", TPY_METH(checker_add_pack_string),
	  METH_FASTCALL | METH_KEYWORDS, add_pack_string_doc },
	{ "check", TPY_METH(checker_check), METH_FASTCALL | METH_KEYWORDS,
	  check_doc },
	{ "check_many", TPY_METH(checker_check_many),
	  METH_FASTCALL | METH_KEYWORDS, check_many_doc },
	{ "rewrite", TPY_METH(checker_rewrite), METH_FASTCALL | METH_KEYWORDS,
	  rewrite_doc },
	{ "bands", TPY_METH(checker_bands), METH_O, bands_doc },
	{ "vocabulary", TPY_METH(checker_vocabulary), METH_FASTCALL,
	  vocabulary_doc },
	{ "__reduce__", TPY_METH(checker_reduce), METH_NOARGS, reduce_doc },
	{ "__setstate__", TPY_METH(checker_setstate), METH_O, setstate_doc },
	{ NULL, NULL, 0, NULL }
};

static PyGetSetDef checker_getset[] = {
	{ "rules", (getter)checker_rules, NULL,
	  "The rules, in load order: a tuple of tact.Rule.", NULL },
	{ "builtin", (getter)checker_builtin, NULL,
	  "Whether the built-in packs were loaded.", NULL },
	{ "sources", (getter)checker_sources, NULL,
	  "The packs added, in order: ('file', path) or ('string', yaml, "
	  "name).", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

PyDoc_STRVAR(checker_doc,
"Checker(builtin=True)\n--\n\n"
"A set of compiled rule packs that checks and rewrites messages.\n\n"
"With builtin=True it holds the built-in packs for ru, ro, kk and en;\n"
"add your own with add_pack() and add_pack_string(). Then check() and\n"
"rewrite() from any number of threads at once (the GIL is released\n"
"during the C call). A Checker pickles as its recipe and is rebuilt\n"
"from it, so it can be sent to worker processes.\n\n"
"    checker = tact.Checker()\n"
"    for f in checker.check('Товар хороший, но дорогой.', lang='ru'):\n"
"        print(f.rule, f.span, f.match, f.suggestions)\n"
"    checker.rewrite('You must fill in the form.')");

PyTypeObject tpy_checker_type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "tact.Checker",
	.tp_basicsize = sizeof(CheckerObject),
	.tp_dealloc = (destructor)checker_dealloc,
	.tp_repr = (reprfunc)checker_repr,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
	.tp_doc = checker_doc,
	.tp_methods = checker_methods,
	.tp_getset = checker_getset,
	.tp_init = (initproc)checker_init,
	.tp_new = PyType_GenericNew,
};

int tpy_checker_init_type(void)
{
	const char *const *names = tpy_options_names();
	Py_ssize_t i;

	if (tpy_options_count() > TPY_MAX_OPTIONS) {
		PyErr_SetString(PyExc_SystemError,
		                "tact: raise TPY_MAX_OPTIONS");
		return -1;
	}
	many_names[0] = "texts";
	for (i = 1; names[i]; i++)
		many_names[i] = names[i];
	many_names[i] = NULL;
	return PyType_Ready(&tpy_checker_type);
}
