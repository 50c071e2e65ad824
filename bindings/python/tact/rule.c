/*
 * rule.c: tact.Rule, a view of one compiled rule (it keeps its Checker
 * alive), and tact.Example, one example text of a rule's pack.
 *
 * As in report.c every field is a row of rule_getset reading the C
 * accessor when asked for.
 */
#include "_tact.h"

typedef struct {
	PyObject_HEAD
	PyObject *checker;     /* the tact.Checker that owns the rule */
	const tact_rule *rule;
} RuleObject;

PyTypeObject *tpy_example_type;

/* ---------------------------------------------------------------------- */
/* Fields                                                                  */
/* ---------------------------------------------------------------------- */

typedef const char *(*rule_str_fn)(const tact_rule *);
typedef const char *(*rule_text_fn)(const tact_rule *, int english);

static rule_str_fn get_id = tact_rule_id;
static rule_str_fn get_category = tact_rule_category;
static rule_str_fn get_language = tact_rule_language;
static rule_str_fn get_pack = tact_rule_pack;
static rule_str_fn get_source = tact_rule_source;

/* A text with an English variant: the accessor and which variant. */
struct text_field {
	rule_text_fn get;
	int english;
};

static struct text_field get_message = { tact_rule_message, 0 };
static struct text_field get_message_en = { tact_rule_message, 1 };
static struct text_field get_explanation = { tact_rule_explanation, 0 };
static struct text_field get_explanation_en = { tact_rule_explanation, 1 };

static PyObject *rule_string(RuleObject *self, void *closure)
{
	rule_str_fn get = *(rule_str_fn *)closure;

	return tpy_str(get(self->rule));
}

static PyObject *rule_text(RuleObject *self, void *closure)
{
	const struct text_field *f = closure;

	return tpy_str(f->get(self->rule, f->english));
}

static PyObject *rule_severity(RuleObject *self, void *Py_UNUSED(closure))
{
	return tpy_severity_name(tact_rule_severity(self->rule));
}

static PyObject *rule_trigger_count(RuleObject *self, void *Py_UNUSED(closure))
{
	return PyLong_FromSize_t(tact_rule_trigger_count(self->rule));
}

/* The examples of one kind, appended to list as tact.Example. */
static int add_examples(RuleObject *self, int kind, const char *kind_name,
                        PyObject *list)
{
	size_t i, n = tact_rule_example_count(self->rule, kind);

	for (i = 0; i < n; i++) {
		static const tact_check_options defaults =
			TACT_CHECK_OPTIONS_INIT;
		tact_check_options context = defaults;
		const char *fix = NULL;
		const char *text = tact_rule_example(self->rule, kind, i, &fix);
		PyObject *e = PyStructSequence_New(tpy_example_type), *v[4];
		int k;

		if (!e)
			return -1;
		v[0] = PyUnicode_FromString(kind_name);
		v[1] = tpy_str(text);
		v[2] = tpy_str(fix);
		/* The coaching context it is checked in (age, name...). */
		tact_rule_example_options(self->rule, kind, i, &context);
		v[3] = tpy_options_dict(&context);
		for (k = 0; k < 4; k++)  /* steals each */
			if (v[k])
				PyStructSequence_SetItem(e, k, v[k]);
		if (!v[0] || !v[1] || !v[2] || !v[3] ||
		    PyList_Append(list, e) < 0) {
			Py_DECREF(e);
			return -1;
		}
		Py_DECREF(e);
	}
	return 0;
}

static PyObject *rule_examples(RuleObject *self, void *Py_UNUSED(closure))
{
	PyObject *list = PyList_New(0), *t;

	if (!list)
		return NULL;
	if (add_examples(self, TACT_EXAMPLE_BAD, "bad", list) < 0 ||
	    add_examples(self, TACT_EXAMPLE_GOOD, "good", list) < 0) {
		Py_DECREF(list);
		return NULL;
	}
	t = PyList_AsTuple(list);
	Py_DECREF(list);
	return t;
}

static PyGetSetDef rule_getset[] = {
	{ "id", (getter)rule_string, NULL, "The rule's id ('ru.contrast.no').",
	  &get_id },
	{ "category", (getter)rule_string, NULL, "Its category ('contrast').",
	  &get_category },
	{ "severity", (getter)rule_severity, NULL,
	  "'hint', 'warning' or 'error'.", NULL },
	{ "language", (getter)rule_string, NULL, "Its language ('ru').",
	  &get_language },
	{ "pack", (getter)rule_string, NULL, "The name of its pack.",
	  &get_pack },
	{ "message", (getter)rule_text, NULL,
	  "What is wrong, in the rule's language.", &get_message },
	{ "explanation", (getter)rule_text, NULL,
	  "Why it hurts, in the rule's language.", &get_explanation },
	{ "message_en", (getter)rule_text, NULL,
	  "The message in English when the pack has it, else as message.",
	  &get_message_en },
	{ "explanation_en", (getter)rule_text, NULL,
	  "The explanation in English when the pack has it, else as\n"
	  "explanation.", &get_explanation_en },
	{ "source", (getter)rule_string, NULL,
	  "Where in the guidance the rule comes from ('' if unknown).",
	  &get_source },
	{ "trigger_count", (getter)rule_trigger_count, NULL,
	  "The number of trigger words; 0 means its patterns run on every\n"
	  "sentence.", NULL },
	{ "examples", (getter)rule_examples, NULL,
	  "The pack's examples for the rule: a tuple of tact.Example, the bad\n"
	  "ones (which must fire it) first, then the good ones.", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* ---------------------------------------------------------------------- */
/* The type                                                                */
/* ---------------------------------------------------------------------- */

PyObject *tpy_rule_new(PyObject *checker, const tact_rule *rule)
{
	RuleObject *self;

	if (!rule) {
		PyErr_SetString(PyExc_IndexError, "rule index out of range");
		return NULL;
	}
	self = PyObject_New(RuleObject, &tpy_rule_type);
	if (!self)
		return NULL;
	Py_INCREF(checker);
	self->checker = checker;
	self->rule = rule;
	return (PyObject *)self;
}

static void rule_dealloc(RuleObject *self)
{
	Py_DECREF(self->checker);
	PyObject_Free(self);
}

static PyObject *rule_repr(RuleObject *self)
{
	PyObject *v[4], *r = NULL;
	int i;

	for (i = 0; i < 4; i++)  /* id, category, severity, language */
		v[i] = rule_getset[i].get((PyObject *)self,
		                          rule_getset[i].closure);
	if (v[0] && v[1] && v[2] && v[3])
		r = PyUnicode_FromFormat("<tact.Rule %S (%S, %S, %S)>", v[0],
		                         v[1], v[2], v[3]);
	for (i = 0; i < 4; i++)
		Py_XDECREF(v[i]);
	return r;
}

/* Two Rule objects are equal when they are the same rule of a checker. */
static PyObject *rule_richcompare(PyObject *a, PyObject *b, int op)
{
	int same;

	if (!PyObject_TypeCheck(b, &tpy_rule_type) ||
	    (op != Py_EQ && op != Py_NE))
		Py_RETURN_NOTIMPLEMENTED;
	same = ((RuleObject *)a)->rule == ((RuleObject *)b)->rule;
	return PyBool_FromLong(op == Py_EQ ? same : !same);
}

static Py_hash_t rule_hash(RuleObject *self)
{
	Py_hash_t h = (Py_hash_t)((uintptr_t)self->rule >> 3);

	return h == -1 ? -2 : h;
}

PyDoc_STRVAR(rule_doc,
"A rule of a Checker (see Checker.rules): its id, category, severity,\n"
"language, pack, messages, source and examples. It keeps its Checker\n"
"alive.");

PyTypeObject tpy_rule_type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "tact.Rule",
	.tp_basicsize = sizeof(RuleObject),
	.tp_dealloc = (destructor)rule_dealloc,
	.tp_repr = (reprfunc)rule_repr,
	.tp_hash = (hashfunc)rule_hash,
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = rule_doc,
	.tp_richcompare = rule_richcompare,
	.tp_getset = rule_getset,
};

static PyStructSequence_Field example_fields[] = {
	{ "kind", "'bad' (must fire the rule) or 'good' (must not)" },
	{ "text", "the example text" },
	{ "fix", "for a bad example, the expected rewrite, or None" },
	{ "options", "the context the example is checked in, as check()\n"
	             "keywords: {'age': 65, 'client_name': 'Анна'...}; empty\n"
	             "for most" },
	{ NULL, NULL }
};

static PyStructSequence_Desc example_desc = {
	"tact.Example",
	"An example of a rule's pack: (kind, text, fix, options).\n\n"
	"    checker.check(ex.text, lang=rule.language, enable=rule.id,\n"
	"                  **ex.options)\n"
	"fires the rule for a bad example and not for a good one.",
	example_fields,
	4
};

int tpy_rule_init_types(void)
{
	if (PyType_Ready(&tpy_rule_type) < 0)
		return -1;
	if (!tpy_example_type)
		tpy_example_type = PyStructSequence_NewType(&example_desc);
	return tpy_example_type ? 0 : -1;
}
