/*
 * testpack.c: `tact test-pack FILE...`: run the examples of rule packs.
 *
 * Each pack is loaded alone into a checker made with
 * TACT_CHECKER_NO_BUILTIN. Every example runs with only its rule enabled
 * and the language forced to the rule's (docs/rule-packs.md, "Examples are
 * tests"):
 *   bad:  at least one finding of the rule; when a fix is given, rewrite
 *         gives exactly the fix, the fix has no finding of the rule, and
 *         rewriting the fix changes nothing;
 *   good: no finding of the rule.
 * One line per failed example, then "N passed, N failed".
 */
#include "cli.h"

#include <string.h>

struct pack_run {
	const char *file;
	const tact_checker *checker;
	const tact_rule *rule;
	tact_check_options topts;
	struct json_buf why;      /* what differed, for the failure line */
	size_t passed;
	size_t failed;
};

static int describe_error(struct pack_run *p, const char *what, int rc)
{
	const char *last = tact_error_last();

	json_put_text(&p->why, what);
	json_put_text(&p->why, " failed: ");
	json_put_text(&p->why, last && *last ? last : tact_strerror(rc));
	return 1;
}

static void describe_match(struct pack_run *p, const tact_finding *fd)
{
	size_t len = 0;
	const char *match = tact_finding_match(fd, &len);

	json_put_text(&p->why, "the rule fired on ");
	json_put_string(&p->why, match ? match : "", match ? len : 0);
}

/* The number of findings of the rule under test in text, in *n; with the
 * first one's match quoted into p->why when describe is set. */
static int count_rule(struct pack_run *p, const char *text, size_t *n,
                      int describe)
{
	const char *id = tact_rule_id(p->rule);
	tact_report *rep = NULL;
	size_t i, count;
	int rc = tact_check(&rep, p->checker, text, strlen(text), &p->topts);

	*n = 0;
	if (rc != TACT_OK)
		return describe_error(p, "check", rc);
	count = tact_report_count(rep);
	for (i = 0; i < count; i++) {
		const tact_finding *fd = tact_report_finding(rep, i);
		if (strcmp(tact_finding_rule(fd), id) != 0)
			continue;
		if (describe && *n == 0)
			describe_match(p, fd);
		(*n)++;
	}
	tact_report_free(rep);
	return 0;
}

/* Rewrite text and compare with want; 1 (described) when they differ. */
static int expect_rewrite(struct pack_run *p, const char *text,
                          const char *want, const char *label)
{
	char *out = NULL;
	size_t len = 0;
	int rc = tact_rewrite(&out, &len, p->checker, text, strlen(text),
	                      &p->topts);

	if (rc != TACT_OK)
		return describe_error(p, "rewrite", rc);
	rc = len != strlen(want) || memcmp(out, want, len) != 0;
	if (rc) {
		json_put_text(&p->why, label);
		json_put_string(&p->why, out, len);
		json_put_text(&p->why, ", expected ");
		json_put_cstring(&p->why, want);
	}
	tact_free(out);
	return rc;
}

static int test_bad(struct pack_run *p, const char *text, const char *fix)
{
	size_t n;

	if (count_rule(p, text, &n, 0))
		return 1;
	if (n == 0) {
		json_put_text(&p->why, "the rule did not fire");
		return 1;
	}
	if (!fix)
		return 0;
	if (expect_rewrite(p, text, fix, "rewrite gave "))
		return 1;
	if (count_rule(p, fix, &n, 0))
		return 1;
	if (n > 0) {
		json_put_text(&p->why, "the fix still fires the rule");
		return 1;
	}
	return expect_rewrite(p, fix, fix, "rewriting the fix gave ");
}

static int test_good(struct pack_run *p, const char *text)
{
	size_t n;

	return count_rule(p, text, &n, 1) || n > 0;
}

static void report_failure(struct pack_run *p, int kind, size_t index,
                           const char *text)
{
	struct json_buf line = { NULL, 0, 0, 0 };
	char number[48];

	snprintf(number, sizeof number, "%s example %zu ",
	         kind == TACT_EXAMPLE_BAD ? "bad" : "good", index + 1);
	json_put_text(&line, p->file);
	json_put_text(&line, ": ");
	json_put_text(&line, tact_rule_id(p->rule));
	json_put_text(&line, ": ");
	json_put_text(&line, number);
	json_put_cstring(&line, text);
	json_put_text(&line, ": ");
	json_put_raw(&line, p->why.data ? p->why.data : "", p->why.len);
	json_put_text(&line, "\n");
	if (json_flush(&line, stdout) != 0)
		cli_error("out of memory");
	json_buf_free(&line);
}

static void test_example(struct pack_run *p, int kind, size_t index)
{
	const char *fix = NULL;
	const char *text = tact_rule_example(p->rule, kind, index, &fix);
	tact_check_options rule_opts = p->topts;
	int failed;

	if (!text)
		return;
	json_buf_clear(&p->why);
	/* Coaching examples carry their context: name, age, customer... */
	(void)tact_rule_example_options(p->rule, kind, index, &p->topts);
	failed = kind == TACT_EXAMPLE_BAD ? test_bad(p, text, fix)
	                                  : test_good(p, text);
	p->topts = rule_opts;
	if (failed) {
		p->failed++;
		report_failure(p, kind, index, text);
	} else {
		p->passed++;
	}
}

static void test_rule(struct pack_run *p, const tact_rule *rule)
{
	tact_check_options defaults = TACT_CHECK_OPTIONS_INIT;
	int kind;
	size_t i;

	p->rule = rule;
	p->topts = defaults;
	p->topts.language = tact_rule_language(rule);
	p->topts.enable = tact_rule_id(rule);
	for (kind = TACT_EXAMPLE_BAD; kind <= TACT_EXAMPLE_GOOD; kind++)
		for (i = 0; i < tact_rule_example_count(rule, kind); i++)
			test_example(p, kind, i);
}

/* Load one pack and run its examples; -1 when it cannot be loaded. */
static int test_file(struct pack_run *p, const char *file)
{
	tact_checker *c = NULL;
	size_t i, n;
	int rc = tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN);

	if (rc == TACT_OK)
		rc = tact_checker_add_pack_file(c, file);
	if (rc != TACT_OK) {
		setup_report_error(rc, file);
		tact_checker_free(c);
		return -1;
	}
	p->file = file;
	p->checker = c;
	n = tact_checker_rule_count(c);
	for (i = 0; i < n; i++)
		test_rule(p, tact_checker_rule(c, i));
	tact_checker_free(c);
	p->checker = NULL;
	return 0;
}

int cmd_test_pack(const struct cli_opts *o)
{
	struct pack_run p;
	size_t i;
	int unloadable = 0;

	memset(&p, 0, sizeof p);
	for (i = 0; i < o->nfiles; i++)
		if (test_file(&p, o->files[i]) != 0)
			unloadable = 1;
	json_buf_free(&p.why);
	printf("%zu passed, %zu failed\n", p.passed, p.failed);
	if (unloadable)
		return EXIT_USAGE;
	return p.failed ? EXIT_FINDINGS : EXIT_CLEAN;
}
