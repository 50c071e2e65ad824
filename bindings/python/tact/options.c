/*
 * options.c: the keywords of check() and rewrite() <-> tact_check_options.
 *
 * One table row per keyword: its name, how a Python value sets the C field,
 * and how a C field reads back as the keyword's value (for the options of a
 * rule's example, tact.Example.options). A new field of the options struct
 * is one row and two small functions.
 */
#include "_tact.h"

static const tact_check_options defaults = TACT_CHECK_OPTIONS_INIT;

/* Keep obj alive until the options are released. */
static int own(struct tpy_options *o, PyObject *obj)
{
	if (o->nowned == TPY_OPTIONS_OWNED) {
		Py_DECREF(obj);
		PyErr_SetString(PyExc_SystemError,
		                "tact: too many owned options");
		return -1;
	}
	o->owned[o->nowned++] = obj;
	return 0;
}

/* ---- strings ---- */

static int set_lang(PyObject *v, struct tpy_options *o)
{
	o->opts.language = tpy_cstring(v, "lang");
	return o->opts.language ? 0 : -1;
}

static PyObject *get_lang(const tact_check_options *t)
{
	return t->language ? tpy_str(t->language) : NULL;
}

static int set_client_name(PyObject *v, struct tpy_options *o)
{
	o->opts.client_name = tpy_cstring(v, "client_name");
	return o->opts.client_name ? 0 : -1;
}

static PyObject *get_client_name(const tact_check_options *t)
{
	return t->client_name ? tpy_str(t->client_name) : NULL;
}

/* A text with a length: str, bytes or another buffer (copied). */
static int set_customer_message(PyObject *v, struct tpy_options *o)
{
	struct tpy_text t;

	if (tpy_text_get(v, "customer_message", &t) < 0 ||
	    (t.owner && own(o, t.owner) < 0))
		return -1;
	o->opts.customer_message = t.data;
	o->opts.customer_message_len = (size_t)t.len;
	return 0;
}

static PyObject *get_customer_message(const tact_check_options *t)
{
	if (!t->customer_message)
		return NULL;
	return tpy_text_new(t->customer_message, t->customer_message_len, 0);
}

/* A rule list: "a,b", or an iterable of str joined with ','. */
static const char *rule_list(PyObject *v, struct tpy_options *o,
                             const char *what)
{
	PyObject *sep, *joined;

	if (PyUnicode_Check(v))
		return tpy_cstring(v, what);
	if (PyBytes_Check(v) || PyByteArray_Check(v)) {
		PyErr_Format(PyExc_TypeError,
		             "%s must be str or an iterable of str, not %.200s",
		             what, Py_TYPE(v)->tp_name);
		return NULL;
	}
	sep = PyUnicode_FromString(",");
	if (!sep)
		return NULL;
	joined = PyUnicode_Join(sep, v);
	Py_DECREF(sep);
	if (!joined || own(o, joined) < 0)
		return NULL;
	return tpy_cstring(joined, what);
}

static int set_enable(PyObject *v, struct tpy_options *o)
{
	o->opts.enable = rule_list(v, o, "enable");
	return o->opts.enable ? 0 : -1;
}

static PyObject *get_enable(const tact_check_options *t)
{
	return t->enable ? tpy_str(t->enable) : NULL;
}

static int set_disable(PyObject *v, struct tpy_options *o)
{
	o->opts.disable = rule_list(v, o, "disable");
	return o->opts.disable ? 0 : -1;
}

static PyObject *get_disable(const tact_check_options *t)
{
	return t->disable ? tpy_str(t->disable) : NULL;
}

/* ---- numbers ---- */

static int set_min_severity(PyObject *v, struct tpy_options *o)
{
	o->opts.min_severity = tpy_severity_parse(v);
	return o->opts.min_severity < 0 ? -1 : 0;
}

static PyObject *get_min_severity(const tact_check_options *t)
{
	if (t->min_severity == defaults.min_severity)
		return NULL;
	return tpy_severity_name(t->min_severity);
}

/* An int keyword (not bool, not float) into *out, within [lo, hi]. */
static int get_long(PyObject *v, const char *what, long lo, long hi,
                    long *out)
{
	int overflow;

	if (!PyLong_Check(v) || PyBool_Check(v)) {
		PyErr_Format(PyExc_TypeError, "%s must be int, not %.200s",
		             what, Py_TYPE(v)->tp_name);
		return -1;
	}
	*out = PyLong_AsLongAndOverflow(v, &overflow);
	if (*out == -1 && PyErr_Occurred())
		return -1;
	if (overflow || *out < lo || *out > hi) {
		PyErr_Format(PyExc_ValueError, "%s out of range: %S", what, v);
		return -1;
	}
	return 0;
}

static int set_age(PyObject *v, struct tpy_options *o)
{
	long age;

	if (get_long(v, "age", -1, 0x7fff, &age) < 0)
		return -1;
	o->opts.age = (int)age;
	return 0;
}

static PyObject *get_age(const tact_check_options *t)
{
	return t->age == defaults.age ? NULL : PyLong_FromLong(t->age);
}

static int set_wait_seconds(PyObject *v, struct tpy_options *o)
{
	return get_long(v, "wait_seconds", -1, 0x7fffffffL,
	                &o->opts.wait_seconds);
}

static PyObject *get_wait_seconds(const tact_check_options *t)
{
	if (t->wait_seconds == defaults.wait_seconds)
		return NULL;
	return PyLong_FromLong(t->wait_seconds);
}

/* ---- flags ---- */

static int set_flag(PyObject *v, struct tpy_options *o, unsigned int flag)
{
	int on = PyObject_IsTrue(v);

	if (on < 0)
		return -1;
	if (on)
		o->opts.flags |= flag;
	return 0;
}

static PyObject *get_flag(const tact_check_options *t, unsigned int flag)
{
	if (!(t->flags & flag))
		return NULL;
	Py_RETURN_TRUE;
}

static int set_english(PyObject *v, struct tpy_options *o)
{
	return set_flag(v, o, TACT_CHECK_ENGLISH);
}

static PyObject *get_english(const tact_check_options *t)
{
	return get_flag(t, TACT_CHECK_ENGLISH);
}

static int set_include_quotes(PyObject *v, struct tpy_options *o)
{
	return set_flag(v, o, TACT_CHECK_INCLUDE_QUOTES);
}

static PyObject *get_include_quotes(const tact_check_options *t)
{
	return get_flag(t, TACT_CHECK_INCLUDE_QUOTES);
}

static int set_discovery(PyObject *v, struct tpy_options *o)
{
	return set_flag(v, o, TACT_CHECK_DISCOVERY);
}

static PyObject *get_discovery(const tact_check_options *t)
{
	return get_flag(t, TACT_CHECK_DISCOVERY);
}

/* ---------------------------------------------------------------------- */
/* The table                                                               */
/* ---------------------------------------------------------------------- */

/* The keywords after text, in positional order. None for any of them
 * means tact's default. get returns NULL, without an exception, for a
 * field that has its default. */
static const struct option {
	const char *name;
	int (*set)(PyObject *value, struct tpy_options *o);
	PyObject *(*get)(const tact_check_options *t);
} options_table[] = {
	{ "lang", set_lang, get_lang },
	{ "min_severity", set_min_severity, get_min_severity },
	{ "enable", set_enable, get_enable },
	{ "disable", set_disable, get_disable },
	{ "english", set_english, get_english },
	{ "include_quotes", set_include_quotes, get_include_quotes },
	/* version 2: the coaching layer (docs/coaching.md) */
	{ "age", set_age, get_age },
	{ "client_name", set_client_name, get_client_name },
	{ "customer_message", set_customer_message, get_customer_message },
	{ "wait_seconds", set_wait_seconds, get_wait_seconds },
	{ "discovery", set_discovery, get_discovery },
};

#define NOPTIONS (sizeof options_table / sizeof options_table[0])

/* "text" and the option names, for tpy_parse_args(). */
static const char *names[NOPTIONS + 2];

const char *const *tpy_options_names(void)
{
	size_t i;

	if (!names[0]) {
		names[0] = "text";
		for (i = 0; i < NOPTIONS; i++)
			names[i + 1] = options_table[i].name;
		names[NOPTIONS + 1] = NULL;
	}
	return names;
}

Py_ssize_t tpy_options_count(void)
{
	return (Py_ssize_t)NOPTIONS;
}

void tpy_options_release(struct tpy_options *o)
{
	while (o->nowned > 0)
		Py_CLEAR(o->owned[--o->nowned]);
}

int tpy_options_get(PyObject *const *values, struct tpy_options *o)
{
	size_t i;

	o->opts = defaults;
	o->nowned = 0;
	for (i = 0; i < NOPTIONS; i++)
		if (values[i] && values[i] != Py_None &&
		    options_table[i].set(values[i], o) < 0) {
			tpy_options_release(o);
			return -1;
		}
	return 0;
}

PyObject *tpy_options_dict(const tact_check_options *t)
{
	PyObject *d = PyDict_New();
	size_t i;

	for (i = 0; d && i < NOPTIONS; i++) {
		PyObject *v = options_table[i].get(t);

		if (!v && PyErr_Occurred())
			Py_CLEAR(d);
		else if (v && PyDict_SetItemString(d, options_table[i].name,
		                                   v) < 0)
			Py_CLEAR(d);
		Py_XDECREF(v);
	}
	return d;
}
