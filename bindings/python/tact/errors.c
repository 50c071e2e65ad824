/*
 * errors.c: tact status codes as Python exceptions and as tact.Status.
 *
 * One table row per TACT_E* code gives the enum member, the exception class
 * and its built-in base, so a code added to tact.h is one row here.
 *
 *   tact.Error                      base of everything tact raises
 *     InternalError                 TACT_ERROR
 *     NoMemoryError (MemoryError)   TACT_ENOMEM
 *     InvalidArgumentError (ValueError)  TACT_EINVAL
 *     EncodingError (ValueError)    TACT_EUTF8      .offset
 *     PackError                     TACT_EPACK      .file .line
 *       PackReadError (OSError)     TACT_EIO        .file
 *     TooBigError (ValueError)      TACT_ETOOBIG
 *     LimitError                    TACT_ELIMIT
 *     VersionError                  TACT_EVERSION
 *     NotFoundError (LookupError)   TACT_ENOTFOUND
 */
#include "_tact.h"

struct status {
	int code;
	const char *member_name;  /* of tact.Status */
	const char *cls;      /* exception class, NULL for TACT_OK */
	int parent;           /* code of the tact base class, 0: tact.Error */
	PyObject **builtin;   /* a built-in base as well, or NULL */
	const char *doc;
	PyObject *type;       /* the class, once created */
	PyObject *member;     /* the tact.Status member, once created */
};

#define NO_PARENT TACT_OK

static struct status statuses[] = {
	{ TACT_OK, "OK", NULL, NO_PARENT, NULL, NULL, NULL, NULL },
	{ TACT_ERROR, "ERROR", "InternalError", NO_PARENT, NULL,
	  "An internal error of tact (TACT_ERROR): a bug, please report it.",
	  NULL, NULL },
	{ TACT_ENOMEM, "ENOMEM", "NoMemoryError", NO_PARENT, &PyExc_MemoryError,
	  "An allocation failed in tact (TACT_ENOMEM); nothing was changed.",
	  NULL, NULL },
	{ TACT_EINVAL, "EINVAL", "InvalidArgumentError", NO_PARENT,
	  &PyExc_ValueError,
	  "tact refused an argument as malformed or out of range\n"
	  "(TACT_EINVAL).",
	  NULL, NULL },
	{ TACT_EUTF8, "EUTF8", "EncodingError", NO_PARENT, &PyExc_ValueError,
	  "The text is not valid UTF-8 (TACT_EUTF8).\n\n"
	  ".offset is the byte offset of the first bad sequence for bytes, or\n"
	  "the index of the lone surrogate for a str (which has no UTF-8).",
	  NULL, NULL },
	{ TACT_EPACK, "EPACK", "PackError", NO_PARENT, NULL,
	  "A rule pack was refused (TACT_EPACK); the checker is unchanged.\n\n"
	  ".file is the pack's file (or the name given to add_pack_string),\n"
	  ".line the line in it (None when unknown).",
	  NULL, NULL },
	{ TACT_EIO, "EIO", "PackReadError", TACT_EPACK, &PyExc_OSError,
	  "A pack file could not be read (TACT_EIO). .file names it.",
	  NULL, NULL },
	{ TACT_ETOOBIG, "ETOOBIG", "TooBigError", NO_PARENT, &PyExc_ValueError,
	  "The input is larger than tact accepts (TACT_ETOOBIG): a text over\n"
	  "tact.MAX_TEXT bytes of UTF-8, a pack over 16 MiB.", NULL, NULL },
	{ TACT_ELIMIT, "ELIMIT", "LimitError", NO_PARENT, NULL,
	  "A pattern hit its match limit (TACT_ELIMIT). tact reports it as\n"
	  "Report.status == Status.ELIMIT rather than raising it.",
	  NULL, NULL },
	{ TACT_EVERSION, "EVERSION", "VersionError", NO_PARENT, NULL,
	  "tact does not know the options version the binding passed\n"
	  "(TACT_EVERSION): the library is older than the binding.",
	  NULL, NULL },
	{ TACT_ENOTFOUND, "ENOTFOUND", "NotFoundError", NO_PARENT,
	  &PyExc_LookupError,
	  "A named language, rule or item does not exist (TACT_ENOTFOUND),\n"
	  "e.g. check(lang='xx') with no pack for 'xx'.", NULL, NULL },
};

#define NSTATUS (sizeof statuses / sizeof statuses[0])

static PyObject *error_base;    /* tact.Error */

static struct status *find_status(int code)
{
	size_t i;

	for (i = 0; i < NSTATUS; i++)
		if (statuses[i].code == code)
			return &statuses[i];
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* Raising                                                                 */
/* ---------------------------------------------------------------------- */

static int set_attr(PyObject *obj, const char *name, PyObject *value)
{
	int rc;

	if (!value)
		return -1;
	rc = PyObject_SetAttrString(obj, name, value);
	Py_DECREF(value);
	return rc;
}

/* A new exception of class cls with message msg and .code code. */
static PyObject *new_error(PyObject *cls, const char *msg, int code)
{
	PyObject *text = tpy_str(msg), *exc;

	if (!text)
		return NULL;
	exc = PyObject_CallOneArg(cls, text);
	Py_DECREF(text);
	if (exc && set_attr(exc, "code", tpy_status(code)) < 0)
		Py_CLEAR(exc);
	return exc;
}

PyObject *tpy_raise(int code)
{
	const struct status *st = find_status(code);
	PyObject *cls = st && st->type ? st->type : error_base, *exc;
	const char *msg = tact_error_last(), *file = NULL;
	size_t line = (size_t)-1, offset = (size_t)-1;
	int where = tact_error_position(&file, &line, &offset);

	if (!*msg)
		msg = tact_strerror(code);
	exc = new_error(cls, msg, code);
	if (!exc)
		return NULL;
	if (where == code &&
	    ((file && set_attr(exc, "file", PyUnicode_DecodeFSDefault(file))) ||
	     (line != (size_t)-1 &&
	      set_attr(exc, "line", PyLong_FromSize_t(line))) ||
	     (offset != (size_t)-1 &&
	      set_attr(exc, "offset", PyLong_FromSize_t(offset))))) {
		Py_DECREF(exc);
		return NULL;
	}
	PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
	Py_DECREF(exc);
	return NULL;
}

PyObject *tpy_raise_surrogate(void)
{
	PyObject *value = tpy_fetch_exception(), *exc;
	Py_ssize_t start = -1;
	char msg[128];

	if (value && PyUnicodeEncodeError_GetStart(value, &start) < 0) {
		PyErr_Clear();
		start = -1;
	}
	PyOS_snprintf(msg, sizeof msg,
	              "str is not valid UTF-8: lone surrogate at index %zd",
	              start);
	exc = new_error(find_status(TACT_EUTF8)->type, msg, TACT_EUTF8);
	if (exc && start >= 0 && set_attr(exc, "offset",
	                                   PyLong_FromSsize_t(start)) < 0)
		Py_CLEAR(exc);
	if (!exc) {
		Py_XDECREF(value);
		return NULL;
	}
	if (value) {
		Py_INCREF(value);
		PyException_SetCause(exc, value);  /* steals */
		PyException_SetContext(exc, value); /* steals */
	}
	PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
	Py_DECREF(exc);
	return NULL;
}

PyObject *tpy_status(int code)
{
	const struct status *st = find_status(code);

	if (!st || !st->member)
		return PyLong_FromLong(code);
	Py_INCREF(st->member);
	return st->member;
}

/* ---------------------------------------------------------------------- */
/* Creating the classes                                                    */
/* ---------------------------------------------------------------------- */

/* A class dict with the attributes every instance has: None until set. */
static PyObject *class_dict(int code)
{
	static const char *const attrs[] = { "file", "line", "offset" };
	PyObject *d = PyDict_New(), *c;
	size_t i;

	if (!d)
		return NULL;
	if (code) {
		c = tpy_status(code);
	} else {
		Py_INCREF(Py_None);
		c = Py_None;
	}
	if (!c || PyDict_SetItemString(d, "code", c) < 0)
		goto fail;
	Py_DECREF(c);
	c = NULL;
	for (i = 0; code == 0 && i < sizeof attrs / sizeof attrs[0]; i++)
		if (PyDict_SetItemString(d, attrs[i], Py_None) < 0)
			goto fail;
	return d;
fail:
	Py_XDECREF(c);
	Py_DECREF(d);
	return NULL;
}

static PyObject *new_class(const char *name, const char *doc, PyObject *base,
                           int code)
{
	PyObject *dict = class_dict(code), *cls;
	char qualified[64];

	if (!dict)
		return NULL;
	PyOS_snprintf(qualified, sizeof qualified, "tact.%s", name);
	cls = PyErr_NewExceptionWithDoc(qualified, doc, base, dict);
	Py_DECREF(dict);
	return cls;
}

static int make_error_classes(PyObject *m)
{
	size_t i;

	error_base = new_class("Error",
	                       "Base class of the errors tact raises.\n\n"
	                       ".code is the tact.Status of the error; .file, "
	                       ".line and .offset\nsay where it is, when it "
	                       "has a position (else None).",
	                       PyExc_Exception, 0);
	if (!error_base || tpy_add_ref(m, "Error", error_base) < 0)
		return -1;
	for (i = 0; i < NSTATUS; i++) {
		struct status *st = &statuses[i];
		PyObject *parent, *bases;

		if (!st->cls)
			continue;
		parent = st->parent == NO_PARENT
		         ? error_base : find_status(st->parent)->type;
		bases = st->builtin ? PyTuple_Pack(2, parent, *st->builtin)
		                    : PyTuple_Pack(1, parent);
		if (!bases)
			return -1;
		st->type = new_class(st->cls, st->doc, bases, st->code);
		Py_DECREF(bases);
		if (!st->type || tpy_add_ref(m, st->cls, st->type) < 0)
			return -1;
	}
	return 0;
}

/* tact.Status = enum.IntEnum('Status', [('OK', 0), ...], module='tact') */
static int make_status_enum(PyObject *m)
{
	PyObject *enum_mod, *members, *args = NULL, *kwargs = NULL, *cls = NULL;
	PyObject *int_enum = NULL;
	size_t i;

	members = PyList_New((Py_ssize_t)NSTATUS);
	if (!members)
		return -1;
	for (i = 0; i < NSTATUS; i++) {
		PyObject *pair = Py_BuildValue("(si)", statuses[i].member_name,
		                               statuses[i].code);
		if (!pair) {
			Py_DECREF(members);
			return -1;
		}
		PyList_SET_ITEM(members, (Py_ssize_t)i, pair);
	}
	enum_mod = PyImport_ImportModule("enum");
	if (enum_mod) {
		args = Py_BuildValue("(sO)", "Status", members);
		kwargs = Py_BuildValue("{ss}", "module", "tact");
		int_enum = PyObject_GetAttrString(enum_mod, "IntEnum");
		if (args && kwargs && int_enum)
			cls = PyObject_Call(int_enum, args, kwargs);
	}
	Py_XDECREF(int_enum);
	Py_XDECREF(args);
	Py_XDECREF(kwargs);
	Py_XDECREF(enum_mod);
	Py_DECREF(members);
	if (!cls)
		return -1;
	/* Keep the members: tpy_status() hands them out without a call. */
	for (i = 0; i < NSTATUS; i++) {
		struct status *st = &statuses[i];

		st->member = PyObject_GetAttrString(cls, st->member_name);
		if (!st->member) {
			Py_DECREF(cls);
			return -1;
		}
	}
	i = (size_t)tpy_add_ref(m, "Status", cls);
	Py_DECREF(cls);
	return i ? -1 : 0;
}

int tpy_errors_init(PyObject *m)
{
	return make_status_enum(m) < 0 || make_error_classes(m) < 0 ? -1 : 0;
}
