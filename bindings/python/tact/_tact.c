/*
 * _tact.c: the extension module tact._tact. Module functions, the version
 * check at import, and the conversions every other file uses: arguments,
 * texts and severities.
 */
#include "_tact.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* Arguments                                                               */
/* ---------------------------------------------------------------------- */

static Py_ssize_t find_name(PyObject *key, const char *const *names,
                            Py_ssize_t n)
{
	Py_ssize_t i;

	for (i = 0; i < n; i++)
		if (PyUnicode_CompareWithASCIIString(key, names[i]) == 0)
			return i;
	return -1;
}

int tpy_parse_args(const char *fname, PyObject *const *args,
                   Py_ssize_t nargs, PyObject *kwnames,
                   const char *const *names, Py_ssize_t npos,
                   Py_ssize_t nreq, PyObject **out)
{
	Py_ssize_t n = 0, i, k, nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;

	while (names[n])
		out[n++] = NULL;
	if (nargs > npos) {
		PyErr_Format(PyExc_TypeError,
		             "%s() takes at most %zd positional argument%s "
		             "(%zd given)", fname, npos, npos == 1 ? "" : "s",
		             nargs);
		return -1;
	}
	for (i = 0; i < nargs; i++)
		out[i] = args[i];
	for (k = 0; k < nkw; k++) {
		PyObject *key = PyTuple_GET_ITEM(kwnames, k);

		i = find_name(key, names, n);
		if (i < 0) {
			PyErr_Format(PyExc_TypeError, "%s() got an unexpected "
			             "keyword argument '%S'", fname, key);
			return -1;
		}
		if (out[i]) {
			PyErr_Format(PyExc_TypeError, "%s() got multiple "
			             "values for argument '%s'", fname,
			             names[i]);
			return -1;
		}
		out[i] = args[nargs + k];
	}
	for (i = 0; i < nreq; i++)
		if (!out[i]) {
			PyErr_Format(PyExc_TypeError,
			             "%s() missing required argument '%s'",
			             fname, names[i]);
			return -1;
		}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Texts and strings                                                       */
/* ---------------------------------------------------------------------- */

int tpy_text_get(PyObject *obj, const char *what, struct tpy_text *t)
{
	t->owner = NULL;
	if (PyUnicode_Check(obj)) {
		t->data = PyUnicode_AsUTF8AndSize(obj, &t->len);
		t->is_bytes = 0;
		if (!t->data) {
			if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
				tpy_raise_surrogate();
			return -1;
		}
		return 0;
	}
	t->is_bytes = 1;
	if (PyBytes_Check(obj)) {
		t->data = PyBytes_AS_STRING(obj);
		t->len = PyBytes_GET_SIZE(obj);
		return 0;
	}
	if (PyObject_CheckBuffer(obj)) {
		/* bytearray, memoryview...: copied, since another thread could
		 * change them while tact reads them without the GIL. */
		t->owner = PyBytes_FromObject(obj);
		if (!t->owner)
			return -1;
		t->data = PyBytes_AS_STRING(t->owner);
		t->len = PyBytes_GET_SIZE(t->owner);
		return 0;
	}
	PyErr_Format(PyExc_TypeError, "%s must be str or bytes, not %.200s",
	             what, Py_TYPE(obj)->tp_name);
	return -1;
}

void tpy_text_release(struct tpy_text *t)
{
	Py_CLEAR(t->owner);
}

const char *tpy_cstring(PyObject *obj, const char *what)
{
	Py_ssize_t len;
	const char *s;

	if (!PyUnicode_Check(obj)) {
		PyErr_Format(PyExc_TypeError, "%s must be str, not %.200s",
		             what, Py_TYPE(obj)->tp_name);
		return NULL;
	}
	s = PyUnicode_AsUTF8AndSize(obj, &len);
	if (!s) {
		if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
			tpy_raise_surrogate();
		return NULL;
	}
	if (strlen(s) != (size_t)len) {
		PyErr_Format(PyExc_ValueError, "embedded null character in %s",
		             what);
		return NULL;
	}
	return s;
}

PyObject *tpy_str(const char *s)
{
	if (!s)
		Py_RETURN_NONE;
	return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

PyObject *tpy_text_new(const char *s, size_t len, int as_bytes)
{
	if (!s)
		Py_RETURN_NONE;
	if (as_bytes)
		return PyBytes_FromStringAndSize(s, (Py_ssize_t)len);
	return PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, "replace");
}

/* ---------------------------------------------------------------------- */
/* Severities                                                              */
/* ---------------------------------------------------------------------- */

PyObject *tpy_severity_name(int severity)
{
	const char *name = tact_severity_name(severity);

	if (!name)  /* a severity this binding's tact does not name */
		return PyLong_FromLong(severity);
	return PyUnicode_FromString(name);
}

int tpy_severity_parse(PyObject *obj)
{
	const char *name;
	int s;

	if (PyLong_Check(obj) && !PyBool_Check(obj)) {
		long v = PyLong_AsLong(obj);

		if (v == -1 && PyErr_Occurred())
			return -1;
		if (v >= 0 && v <= 64 && tact_severity_name((int)v))
			return (int)v;
		PyErr_Format(PyExc_ValueError, "unknown severity %ld", v);
		return -1;
	}
	name = tpy_cstring(obj, "severity");
	if (!name) {
		if (PyErr_ExceptionMatches(PyExc_TypeError)) {
			PyErr_Clear();
			PyErr_Format(PyExc_TypeError,
			             "severity must be str or int, not %.200s",
			             Py_TYPE(obj)->tp_name);
		}
		return -1;
	}
	for (s = 0; tact_severity_name(s); s++)
		if (strcmp(tact_severity_name(s), name) == 0)
			return s;
	PyErr_Format(PyExc_ValueError,
	             "unknown severity '%s' (hint, warning or error)", name);
	return -1;
}

/* ---------------------------------------------------------------------- */
/* Module functions                                                        */
/* ---------------------------------------------------------------------- */

PyDoc_STRVAR(version_doc,
"version($module, /)\n--\n\n"
"The version of the libtact loaded at run time, e.g. '1.0.0'.\n\n"
"tact.__version__ is the version the binding was built against.");

static PyObject *mod_version(PyObject *Py_UNUSED(m),
                             PyObject *Py_UNUSED(unused))
{
	return PyUnicode_FromString(tact_version());
}

PyDoc_STRVAR(version_number_doc,
"version_number($module, /)\n--\n\n"
"The run-time libtact version as MAJOR*10000 + MINOR*100 + PATCH.");

static PyObject *mod_version_number(PyObject *Py_UNUSED(m),
                                    PyObject *Py_UNUSED(unused))
{
	return PyLong_FromLong(tact_version_number());
}

PyDoc_STRVAR(detect_language_doc,
"detect_language($module, text, /)\n--\n\n"
"The language tact would check text as under lang='auto': 'kk', 'ru',\n"
"'ro' or 'en'. text is a str or UTF-8 bytes.\n\n"
"Raises tact.EncodingError when bytes are not valid UTF-8.");

static PyObject *mod_detect_language(PyObject *Py_UNUSED(m), PyObject *arg)
{
	struct tpy_text t;
	const char *lang;

	if (tpy_text_get(arg, "text", &t) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	lang = tact_detect_language(t.data, (size_t)t.len);
	Py_END_ALLOW_THREADS
	tpy_text_release(&t);
	if (!lang) {
		int code = tact_error_position(NULL, NULL, NULL);

		return tpy_raise(code ? code : TACT_EINVAL);
	}
	return PyUnicode_FromString(lang);
}

PyDoc_STRVAR(strerror_doc,
"strerror($module, code, /)\n--\n\n"
"A short English description of a tact status code, e.g.\n"
"strerror(tact.Status.EUTF8) == 'invalid UTF-8'.");

static PyObject *mod_strerror(PyObject *Py_UNUSED(m), PyObject *arg)
{
	int overflow;
	long code = PyLong_AsLongAndOverflow(arg, &overflow);

	if (code == -1 && PyErr_Occurred())
		return NULL;
	if (overflow || code < -0x7fff || code > 0x7fff)
		code = -0x7fff;  /* "unknown error" */
	return PyUnicode_FromString(tact_strerror((int)code));
}

static PyMethodDef module_methods[] = {
	{ "version", mod_version, METH_NOARGS, version_doc },
	{ "version_number", mod_version_number, METH_NOARGS,
	  version_number_doc },
	{ "detect_language", mod_detect_language, METH_O, detect_language_doc },
	{ "strerror", mod_strerror, METH_O, strerror_doc },
	{ NULL, NULL, 0, NULL }
};

PyDoc_STRVAR(module_doc,
"The C part of the tact binding: import tact, not tact._tact.");

static struct PyModuleDef module_def = {
	PyModuleDef_HEAD_INIT,
	"tact._tact",
	module_doc,
	-1,
	module_methods,
	NULL, NULL, NULL, NULL
};

/* ---------------------------------------------------------------------- */
/* Initialisation                                                          */
/* ---------------------------------------------------------------------- */

/* PyModule_AddObject, stealing obj even on failure. */
static int add_object(PyObject *m, const char *name, PyObject *obj)
{
	if (!obj)
		return -1;
	if (PyModule_AddObject(m, name, obj) < 0) {
		Py_DECREF(obj);
		return -1;
	}
	return 0;
}

static int add_type(PyObject *m, const char *name, PyTypeObject *type)
{
	Py_INCREF(type);
	return add_object(m, name, (PyObject *)type);
}

/* The severities tact names, least serious first: ('hint', ...). */
static PyObject *severities(void)
{
	PyObject *list = PyList_New(0), *tuple;
	int s;

	if (!list)
		return NULL;
	for (s = 0; tact_severity_name(s); s++) {
		PyObject *name = PyUnicode_FromString(tact_severity_name(s));

		if (!name || PyList_Append(list, name) < 0) {
			Py_XDECREF(name);
			Py_DECREF(list);
			return NULL;
		}
		Py_DECREF(name);
	}
	tuple = PyList_AsTuple(list);
	Py_DECREF(list);
	return tuple;
}

/* The library loaded must be of the major version the binding was built
 * for: a later minor version only adds. */
static int check_version(void)
{
	int runtime = tact_version_number();

	if (runtime / 10000 == TACT_VERSION_MAJOR)
		return 0;
	PyErr_Format(PyExc_ImportError,
	             "tact: this binding was built for libtact %s but the "
	             "libtact loaded is %s (version number %d): rebuild the "
	             "binding against it", TACT_VERSION_STRING, tact_version(),
	             runtime);
	return -1;
}

PyMODINIT_FUNC PyInit__tact(void);

PyMODINIT_FUNC PyInit__tact(void)
{
	PyObject *m;

	if (check_version() < 0 || tpy_checker_init_type() < 0 ||
	    tpy_report_init_types() < 0 || tpy_rule_init_types() < 0 ||
	    tpy_coach_init_types() < 0)
		return NULL;
	m = PyModule_Create(&module_def);
	if (!m)
		return NULL;
	if (add_type(m, "Checker", &tpy_checker_type) < 0 ||
	    add_type(m, "Report", &tpy_report_type) < 0 ||
	    add_type(m, "Finding", &tpy_finding_type) < 0 ||
	    add_type(m, "Rule", &tpy_rule_type) < 0 ||
	    add_type(m, "Example", tpy_example_type) < 0 ||
	    add_type(m, "Band", tpy_band_type) < 0 ||
	    add_type(m, "Question", tpy_question_type) < 0 ||
	    add_type(m, "ProfileEntry", tpy_profile_type) < 0 ||
	    tpy_errors_init(m) < 0 ||
	    add_object(m, "HEADER_VERSION",
	               PyUnicode_FromString(TACT_VERSION_STRING)) < 0 ||
	    PyModule_AddIntConstant(m, "HEADER_VERSION_NUMBER",
	                            TACT_VERSION_NUMBER) < 0 ||
	    add_object(m, "MAX_TEXT", PyLong_FromSize_t(TACT_MAX_TEXT)) < 0 ||
	    add_object(m, "SEVERITIES", severities()) < 0) {
		Py_DECREF(m);
		return NULL;
	}
	return m;
}
