/*
 * test_alloc.c: allocation failure at every point (SQLite's approach).
 *
 * The test replaces malloc, calloc, realloc and free for the whole process
 * (the library, PCRE2 and libyaml included), counts live blocks, and can
 * make the Nth allocation fail. For each operation it first counts the
 * allocations a successful run makes, then fails each of them in turn and
 * checks that the call returns TACT_ENOMEM (or succeeds, where a failure is
 * recovered from, such as an optional JIT compile), that nothing leaks, and
 * that the checker still works afterwards. Built only without sanitizers,
 * which replace the allocator themselves.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tact.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static long fail_at = -1;  /* the allocation to fail, or -1 */
static long counter;       /* allocations since the last reset */
static long live;          /* blocks allocated and not freed */
static int in_libyaml;     /* the failed allocation was libyaml's */

/* libyaml 0.2.5 leaks a node's item stack when growing the document's node
 * stack fails inside yaml_parser_load() (its composer jumps to the error
 * label without freeing it). That leak is upstream's; the walk tells it
 * apart from tact's own by who made the failed call. */
static int from_libyaml(void *caller)
{
	Dl_info info;

	return dladdr(caller, &info) && info.dli_fname &&
	       strstr(info.dli_fname, "libyaml") != NULL;
}

static int should_fail_from(void *caller)
{
	if (counter++ != fail_at)
		return 0;
	in_libyaml = from_libyaml(caller);
	return 1;
}

#define should_fail() should_fail_from(__builtin_return_address(0))

void *malloc(size_t n)
{
	void *p = should_fail() ? NULL : __libc_malloc(n);

	live += p != NULL;
	return p;
}

void *calloc(size_t c, size_t n)
{
	void *p = should_fail() ? NULL : __libc_calloc(c, n);

	live += p != NULL;
	return p;
}

void *realloc(void *old, size_t n)
{
	void *p;

	if (!old)
		return malloc(n);
	if (should_fail())
		return NULL;
	p = __libc_realloc(old, n);
	return p;
}

void free(void *p)
{
	live -= p != NULL;
	__libc_free(p);
}

static void arm(long at)
{
	counter = 0;
	fail_at = at;
	in_libyaml = 0;
}

static const char pack[] =
	"pack: p\nlanguage: ru\n"
	"rules:\n"
	"  - id: ru.contrast.no\n    category: contrast\n    severity: warning\n"
	"    message: m\n    message_en: m\n    explanation: e\n    triggers: [но]\n"
	"    patterns: ['\\bно\\b']\n    exceptions: ['\\bне\\s+только\\b[^.]*\\bно\\s+и\\b']\n"
	"    suggestions: [однако]\n"
	"    examples: {bad: [{text: 'Да, но нет.', fix: 'Да, однако нет.'}], good: [Оно.]}\n"
	"  - id: ru.obligation.must\n    category: obligation\n    severity: error\n"
	"    message: m\n    explanation: e\n    triggers: [вы]\n"
	"    patterns:\n      - regex: '\\bвы\\s+должны\\s+(?<rest>[^.!?]+?)\\s*[.!]*$'\n"
	"        suggestions: ['Не могли бы Вы ${rest}?']\n"
	"vocabulary:\n  message: m\n  explanation: e\n  hint: '{word} {band} {words}'\n"
	"  bands:\n"
	"    - {name: old, theme: t, min_age: 60, max_age: 150, words: [{word: дешевый, stems: [дешев]}]}\n"
	"    - {name: young, theme: t, min_age: 0, max_age: 59, words: [{word: новый, stems: [нов]}]}\n"
	"coaching:\n"
	"  name: {severity: hint, message: m, explanation: e, suggestions: ['{name}!'], strip_endings: [а]}\n"
	"  empathy: {severity: warning, message: m, explanation: e, upset: [безобраз], patterns: [понима]}\n"
	"  solution: {severity: warning, message: m, explanation: e, patterns: [отправ]}\n"
	"  questions: {severity: hint, message: m, explanation: e, open: ['^как']}\n";

static const char text[] = "Вы должны прийти, но дешевле. Как дела? Да?";

static int op_load(tact_checker **out)
{
	tact_checker *c = NULL;
	int rc = tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN);

	if (rc == TACT_OK)
		rc = tact_checker_add_pack_string(c, pack, sizeof pack - 1, "p");
	if (rc == TACT_OK && out) {
		*out = c;
		return rc;
	}
	tact_checker_free(c);
	return rc;
}

static int op_check(const tact_checker *c)
{
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;
	int rc;

	o.language = "ru";
	o.age = 20;
	o.client_name = "Анна";
	o.customer_message = "Безобразие!";
	o.customer_message_len = strlen(o.customer_message);
	rc = tact_check(&r, c, text, sizeof text - 1, &o);
	if (rc == TACT_OK && tact_report_count(r) < 4) {
		fprintf(stderr, "check: %zu findings\n", tact_report_count(r));
		rc = TACT_ERROR;
	}
	tact_report_free(r);
	return rc;
}

static int op_rewrite(const tact_checker *c)
{
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	char *out = NULL;
	int rc;

	o.language = "ru";
	rc = tact_rewrite(&out, NULL, c, text, sizeof text - 1, &o);
	if (rc == TACT_OK &&
	    strcmp(out, "Не могли бы Вы прийти, однако дешевле? Как дела? Да?") != 0) {
		fprintf(stderr, "rewrite: %s\n", out);
		rc = TACT_ERROR;
	}
	tact_free(out);
	return rc;
}

/* A check by a new checker: its working memory is made on the way. */
static int op_first_check(void)
{
	tact_checker *c = NULL;
	int rc = op_load(&c);

	if (rc == TACT_OK)
		rc = op_check(c);
	tact_checker_free(c);
	return rc;
}

static int op_builtin(void)
{
	tact_checker *c = NULL;
	int rc = tact_checker_new(&c, TACT_CHECKER_DEFAULT);

	tact_checker_free(c);
	return rc;
}

enum op { LOAD, CHECK, FIRST_CHECK, REWRITE, BUILTIN };

static int run(enum op op, const tact_checker *c)
{
	switch (op) {
	case LOAD: return op_load(NULL);
	case CHECK: return op_check(c);
	case FIRST_CHECK: return op_first_check();
	case REWRITE: return op_rewrite(c);
	default: return op_builtin();
	}
}

/* Fail each allocation of op in turn (every stride-th one). */
static int walk(const char *name, enum op op, const tact_checker *c, long stride)
{
	long total, i, failures = 0, upstream = 0, before;
	int rc;

	/* The first check of a checker keeps its working memory for the next
	 * ones, and a pattern is JIT-compiled once it was used three times
	 * (both freed with the checker): measure the checks after those. */
	for (i = 0; c && i < 4; i++)
		if (run(op, c) != TACT_OK) {
			fprintf(stderr, "%s: warm-up run failed\n", name);
			return 1;
		}
	before = live;
	arm(-1);
	rc = run(op, c);
	total = counter;
	if (rc != TACT_OK || live != before) {
		fprintf(stderr, "%s: clean run failed (%d) or leaked %ld\n", name, rc,
		        live - before);
		return 1;
	}
	for (i = 0; i < total; i += stride) {
		before = live;
		arm(i);
		rc = run(op, c);
		fail_at = -1;
		if (rc != TACT_OK && rc != TACT_ENOMEM) {
			fprintf(stderr, "%s: failing allocation %ld gave %d: %s\n", name, i,
			        rc, tact_error_last());
			failures++;
		}
		if (live != before && in_libyaml) {
			upstream++;
		} else if (live != before) {
			fprintf(stderr, "%s: failing allocation %ld leaked %ld blocks\n",
			        name, i, live - before);
			failures++;
		}
		if (c && run(op, c) != TACT_OK) {
			fprintf(stderr, "%s: checker unusable after failing %ld\n", name, i);
			failures++;
		}
	}
	printf("%s: %ld allocations, every %ld-th failed in turn: %s", name,
	       total, stride, failures ? "FAILED" : "ok");
	printf(upstream ? " (%ld leaks inside libyaml's own error path)\n" : "\n",
	       upstream);
	return failures != 0;
}

int main(void)
{
	tact_checker *c = NULL;
	int bad = 0;

	if (op_load(&c) != TACT_OK) {
		fprintf(stderr, "cannot load the pack: %s\n", tact_error_last());
		return 1;
	}
	bad |= walk("load pack", LOAD, NULL, 1);
	bad |= walk("check", CHECK, c, 1);
	bad |= walk("first check of a checker", FIRST_CHECK, NULL, 1);
	bad |= walk("rewrite", REWRITE, c, 1);
	bad |= walk("built-in checker", BUILTIN, NULL, 199);
	tact_checker_free(c);
	return bad;
}
