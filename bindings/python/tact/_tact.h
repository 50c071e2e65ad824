/*
 * _tact.h: what the files of the extension module `tact._tact` share.
 *
 * The module is a thin layer over include/tact.h:
 *   _tact.c    module init (version check), module functions, argument and
 *              text conversion shared by the others
 *   errors.c   one exception class per TACT_E* code, raised from a status
 *   options.c  the keywords of check() <-> tact_check_options
 *   checker.c  tact.Checker: packs, check(), check_many(), rewrite(),
 *              rules, pickling
 *   report.c   tact.Report and tact.Finding, read lazily from a tact_report
 *   rule.c     tact.Rule and tact.Example, read lazily from a tact_rule
 *   coach.c    the coaching layer: tact.Band, tact.Question,
 *              tact.ProfileEntry and the report's score and profile
 * Accessors and options are tables of rows (name, C accessor): exposing a
 * new accessor or option of the C API is one row and a small function.
 *
 * The full C API is used (not the limited one): see docs/python.md.
 */
#ifndef TACT_PY_H
#define TACT_PY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <tact.h>

/* Cast a METH_FASTCALL or METH_NOARGS function for a PyMethodDef. */
#define TPY_METH(f) ((PyCFunction)(void (*)(void))(f))

/* ---- CPython 3.9 to 3.13: the few calls that differ ---- */

/* PyModule_AddObjectRef() (3.10): add obj to m without stealing it. */
static inline int tpy_add_ref(PyObject *m, const char *name, PyObject *obj)
{
	Py_INCREF(obj);
	if (PyModule_AddObject(m, name, obj) < 0) {
		Py_DECREF(obj);
		return -1;
	}
	return 0;
}

/* Take the exception being raised (normalised), clearing it; NULL if none.
 * PyErr_Fetch() is deprecated from 3.12. */
static inline PyObject *tpy_fetch_exception(void)
{
#if PY_VERSION_HEX >= 0x030C0000
	return PyErr_GetRaisedException();
#else
	PyObject *type, *value, *tb;

	PyErr_Fetch(&type, &value, &tb);
	PyErr_NormalizeException(&type, &value, &tb);
	if (value && tb)
		PyException_SetTraceback(value, tb);
	Py_XDECREF(type);
	Py_XDECREF(tb);
	return value;
#endif
}

/* Raise exc again (a reference taken by tpy_fetch_exception(), stolen). */
static inline void tpy_restore_exception(PyObject *exc)
{
#if PY_VERSION_HEX >= 0x030C0000
	PyErr_SetRaisedException(exc);
#else
	PyObject *type = (PyObject *)Py_TYPE(exc);

	Py_INCREF(type);
	PyErr_Restore(type, exc, PyException_GetTraceback(exc));
#endif
}

/* ---- _tact.c: arguments and texts ---- */

/*
 * Bind the arguments of a METH_FASTCALL | METH_KEYWORDS call to names
 * (a NULL-terminated list): out[i] receives a borrowed reference to the
 * value of names[i], or NULL when it was not given. The first npos names
 * may be passed by position, the first nreq are required. Returns 0, or -1
 * with TypeError set.
 */
int tpy_parse_args(const char *fname, PyObject *const *args,
                   Py_ssize_t nargs, PyObject *kwnames,
                   const char *const *names, Py_ssize_t npos,
                   Py_ssize_t nreq, PyObject **out);

/* A text handed to tact: UTF-8 bytes that stay valid while it is held. */
struct tpy_text {
	const char *data;
	Py_ssize_t len;
	int is_bytes;     /* given as a bytes-like object: spans in bytes */
	PyObject *owner;  /* a copy to release, or NULL (borrowed from obj) */
};

/*
 * Read obj as a text: str (encoded to UTF-8 once; CPython caches it), bytes
 * (borrowed) or another buffer (copied, so nobody can change it while the
 * GIL is released). what names the argument in errors. Returns 0, or -1
 * with TypeError, or tact.EncodingError for a str with lone surrogates.
 */
int tpy_text_get(PyObject *obj, const char *what, struct tpy_text *t);
void tpy_text_release(struct tpy_text *t);

/*
 * The UTF-8 of a str argument that tact takes NUL-terminated (a language,
 * a rule list...). Borrowed from obj. NULL with TypeError or ValueError
 * (embedded NUL, surrogates) set.
 */
const char *tpy_cstring(PyObject *obj, const char *what);

/* A new str from a NUL-terminated UTF-8 string tact returned; NULL gives
 * None. Invalid UTF-8 is replaced rather than raised. */
PyObject *tpy_str(const char *s);
/* The same for a (pointer, length) text, as str or (as_bytes) bytes. */
PyObject *tpy_text_new(const char *s, size_t len, int as_bytes);

/* ---- options.c: the keywords of check() and rewrite() ---- */

#define TPY_OPTIONS_OWNED 4
#define TPY_MAX_OPTIONS 32   /* keywords after text; checked at import */

/* What a check() or rewrite() call asks, converted for tact. */
struct tpy_options {
	tact_check_options opts;
	PyObject *owned[TPY_OPTIONS_OWNED];  /* made for opts: joined lists,
	                                        copied buffers */
	int nowned;
};

/* "text" and the option keywords, NULL-terminated, in positional order. */
const char *const *tpy_options_names(void);
/* The number of option keywords (after "text"). */
Py_ssize_t tpy_options_count(void);
/* Fill o from the keyword values (NULL or None: tact's default). Returns
 * 0, or -1 with an exception (o then needs no release). */
int tpy_options_get(PyObject *const *values, struct tpy_options *o);
void tpy_options_release(struct tpy_options *o);
/* The fields of t that differ from the defaults, as a dict of check()
 * keywords. */
PyObject *tpy_options_dict(const tact_check_options *t);

/* ---- errors.c ---- */

/* Create the exception classes and the Status enum; add them to m. */
int tpy_errors_init(PyObject *m);
/* Raise the exception of tact status code (detail from tact_error_last()
 * and tact_error_position()). Returns NULL. */
PyObject *tpy_raise(int code);
/* Raise tact.EncodingError for a str that cannot be UTF-8 (lone
 * surrogate), chaining the UnicodeEncodeError that is set. Returns NULL. */
PyObject *tpy_raise_surrogate(void);
/* The Status member of code, or a plain int when it has none. */
PyObject *tpy_status(int code);

/* ---- checker.c, report.c, rule.c, coach.c ---- */

extern PyTypeObject tpy_checker_type;
extern PyTypeObject tpy_report_type;
extern PyTypeObject tpy_finding_type;
extern PyTypeObject tpy_rule_type;
/* Struct sequences (named tuples made in C). */
extern PyTypeObject *tpy_example_type;
extern PyTypeObject *tpy_band_type;
extern PyTypeObject *tpy_question_type;
extern PyTypeObject *tpy_profile_type;

int tpy_checker_init_type(void);
int tpy_report_init_types(void);
int tpy_rule_init_types(void);
int tpy_coach_init_types(void);

/* Severities: the name of a TACT_SEVERITY_* value as a str, and back. */
PyObject *tpy_severity_name(int severity);
/* Parse a severity given as a name or an int; -1 with ValueError or
 * TypeError set when it is neither a known name nor a known value. */
int tpy_severity_parse(PyObject *obj);

/* A new tact.Report owning report (freed on error too), of text: a bytes
 * text gives spans and matches in bytes. */
PyObject *tpy_report_new(tact_report *report, const struct tpy_text *text);
/* A new tact.Rule of checker (a tact.Checker, kept alive by the rule). */
PyObject *tpy_rule_new(PyObject *checker, const tact_rule *rule);

/* coach.c: the coaching layer (libtact 1.1, docs/coaching.md). */
/* checker.bands(lang), checker.vocabulary(lang, age) */
PyObject *tpy_bands(const tact_checker *checker, PyObject *lang);
PyObject *tpy_vocabulary(const tact_checker *checker, PyObject *lang,
                         PyObject *age);
/* The code-point offsets of the report's question spans (start, end of
 * each), computed in one pass over text; *out is NULL when there is no
 * question, else PyMem_Free() it. */
int tpy_question_offsets(const tact_report *report, const char *text,
                         size_t len, size_t **out);
/* Report accessors. cp_offsets: from tpy_question_offsets(), or NULL for
 * byte spans. */
PyObject *tpy_report_questions(const tact_report *report,
                               const size_t *cp_offsets);
PyObject *tpy_report_profile(const tact_report *report);
PyObject *tpy_report_lost(const tact_report *report);
PyObject *tpy_report_name_status(const tact_report *report);

#endif
