/*
 * compile.c: compiling a rule's patterns and checking its templates.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Bounds that keep a hostile pattern from exhausting the compiler. */
#define PATTERN_MAX_LEN 4096
#define PATTERN_NEST_MAX 64

/* Can code point cp stand in a pattern compiled without PCRE2_CASELESS?
 * Latin, Cyrillic and general punctuation, as the normaliser leaves them
 * (no capitals, no ſ or µ): then no other code point of normalised text
 * is caseless-equal to cp (the normalise suite checks each against
 * PCRE2). */
static int plain_cp(uint32_t cp)
{
	int known = cp < 0x250 || (cp >= 0x400 && cp < 0x530) ||
	            (cp >= 0x2000 && cp < 0x2070);

	return known && tact_fold_cp(cp) == cp;
}

/* Escapes of a letter that match no particular letter: \b \s \w, \n... */
static int plain_escape(char c)
{
	return c && strchr("bBsSwWdDhHvVRXKAzZGntrfea", c) != NULL;
}

/* Every code point of the range lo..hi plain? Long ranges are not read. */
static int plain_range(uint32_t lo, uint32_t hi)
{
	if (hi < lo || hi - lo > 0x800)
		return 0;
	for (; lo <= hi; lo++)
		if (!plain_cp(lo))
			return 0;
	return 1;
}

/* Read the member of a class or the literal at p[*i]: its code point
 * into *cp; -1 for an escape that is no literal (\w), 0 for one that
 * needs caseless matching or the pattern's end, 1 for a literal. */
static int member(const char *p, size_t *i, uint32_t *cp)
{
	unsigned char c = (unsigned char)p[*i];

	if (!c)
		return 0;
	if (c != '\\') {
		*cp = tact_utf8_next(p, i);
		return 1;
	}
	c = (unsigned char)p[++*i];
	if (!c)
		return 0;
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
		++*i;
		return plain_escape((char)c) ? -1 : 0;
	}
	if (c >= '0' && c <= '9')
		return 0;
	*cp = tact_utf8_next(p, i);
	return 1;
}

/* The class that opens at p[*i] (after '['): 1 when it is plain. */
static int plain_class(const char *p, size_t *i)
{
	uint32_t lo, hi;
	int first = 1, m;

	if (p[*i] == '^')
		++*i;
	while (p[*i] && (p[*i] != ']' || first)) {
		if (p[*i] == '[' && p[*i + 1] == ':')
			return 0;
		first = 0;
		if ((m = member(p, i, &lo)) == 0)
			return 0;
		if (m < 0 || p[*i] != '-' || !p[*i + 1] || p[*i + 1] == ']') {
			if (m > 0 && !plain_cp(lo))
				return 0;
			continue;
		}
		++*i;
		if (member(p, i, &hi) <= 0 || !plain_range(lo, hi))
			return 0;
	}
	if (p[*i] == ']')
		++*i;
	return 1;
}

int tact_pattern_caseless(const char *folded)
{
	size_t i = 0;
	uint32_t cp;
	int m;

	while (folded[i]) {
		if (folded[i] == '[') {
			i++;
			if (!plain_class(folded, &i))
				return 1;
			continue;
		}
		if ((m = member(folded, &i, &cp)) == 0 || (m > 0 && !plain_cp(cp)))
			return 1;
	}
	return 0;
}

pcre2_code *tact_pattern_compile(const char *pattern, uint32_t options,
                                 int jit, char *message, size_t msgsize,
                                 int *nomem)
{
	pcre2_compile_context *cctx;
	pcre2_code *code;
	char *folded;
	int err = 0;
	PCRE2_SIZE off = 0;
	size_t len = strlen(pattern);

	if (len > PATTERN_MAX_LEN) {
		snprintf(message, msgsize, "pattern longer than %d bytes",
		         PATTERN_MAX_LEN);
		return NULL;
	}
	folded = tact_fold_string(pattern, len, 0);
	cctx = pcre2_compile_context_create(NULL);
	*nomem = 0;
	if (!folded || !cctx) {
		snprintf(message, msgsize, "out of memory");
		*nomem = 1;
		pcre2_compile_context_free(cctx);
		tact_free(folded);
		return NULL;
	}
	pcre2_set_parens_nest_limit(cctx, PATTERN_NEST_MAX);
	if (tact_pattern_caseless(folded))
		options |= PCRE2_CASELESS;
	code = pcre2_compile((PCRE2_SPTR)folded, PCRE2_ZERO_TERMINATED,
	                     PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C |
	                             options,
	                     &err, &off, cctx);
	pcre2_compile_context_free(cctx);
	tact_free(folded);
	if (!code) {
		PCRE2_UCHAR buf[256];

		*nomem = err == PCRE2_ERROR_HEAP_FAILED;
		pcre2_get_error_message(err, buf, sizeof buf);
		snprintf(message, msgsize, "%s at offset %zu", (const char *)buf,
		         (size_t)off);
		return NULL;
	}
	/* JIT is an optimisation: the interpreter is used when it fails. */
	if (jit)
		(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

int tact_pattern_search(const struct tact_pattern *p, const char *subject,
                        size_t len, size_t off, pcre2_match_data *md,
                        const pcre2_match_context *mctx)
{
	int rc = tact_pattern_match(p, subject, len, off, md, mctx);

	while (p->line_start && rc == PCRE2_ERROR_NOMATCH && off < len) {
		const char *nl = memchr(subject + off, '\n', len - off);

		if (!nl)
			break;
		off = (size_t)(nl - subject) + 1;
		rc = tact_pattern_match(p, subject, len, off, md, mctx);
	}
	return rc;
}

const pcre2_code *tact_pattern_code(const struct tact_pattern *p,
                                    int *jitted)
{
	struct tact_pattern *m = (struct tact_pattern *)(uintptr_t)p;
	pcre2_code *jit = atomic_load_explicit(&m->jit, memory_order_acquire);
	pcre2_code *copy;

	*jitted = jit != NULL;
	if (jit)
		return jit;
	if (atomic_fetch_add_explicit(&m->uses, 1, memory_order_relaxed) !=
	    TACT_JIT_AFTER)
		return p->code;
	/* The thread that makes the use that counts compiles a copy and
	 * publishes it; checks running meanwhile keep the interpreter. */
	copy = pcre2_code_copy(p->code);
	if (!copy || pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(copy);
		return p->code;
	}
	atomic_store_explicit(&m->jit, copy, memory_order_release);
	*jitted = 1;
	return copy;
}

static int group_exists(const pcre2_code *code, const char *name, size_t n)
{
	uint32_t count = 0;
	char buf[64];

	if (n == 0)
		return 0;
	if (name[0] >= '0' && name[0] <= '9') {
		size_t k, num = 0;

		for (k = 0; k < n; k++) {
			if (name[k] < '0' || name[k] > '9' || num > 1000)
				return 0;
			num = num * 10 + (size_t)(name[k] - '0');
		}
		pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &count);
		return num <= count;
	}
	if (n >= sizeof buf)
		return 0;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return pcre2_substring_number_from_name(code, (PCRE2_SPTR)buf) >= 0;
}

int tact_template_check(const char *tpl, const pcre2_code *code,
                        char *message, size_t msgsize)
{
	const char *p = tpl;

	while ((p = strchr(p, '$')) != NULL) {
		const char *name = p + 1;
		size_t n;

		if (*name == '$') {
			p += 2;
			continue;
		}
		if (*name == '{') {
			const char *close = strchr(name, '}');

			if (!close) {
				snprintf(message, msgsize, "unclosed ${ in '%s'", tpl);
				return TACT_EPACK;
			}
			name++;
			n = (size_t)(close - name);
			p = close + 1;
		} else if (*name >= '0' && *name <= '9') {
			n = 1;
			p = name + 1;
		} else {
			snprintf(message, msgsize,
			         "'$' must be followed by a digit, {name} or '$' in '%s'",
			         tpl);
			return TACT_EPACK;
		}
		if (!group_exists(code, name, n)) {
			snprintf(message, msgsize, "template '%s' names group '%.*s' "
			         "that the pattern does not have", tpl, (int)n, name);
			return TACT_EPACK;
		}
	}
	return TACT_OK;
}

/* The end of the group that opens at p ('('), or NULL. */
static const char *group_end(const char *p)
{
	int depth = 0;

	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			for (p++; *p && *p != ']'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				return NULL;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p;
		}
	}
	return NULL;
}

/* Is there a '|' outside every group and class? */
static int top_level_alternation(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '(' || *p == '[') {
			const char *e = *p == '(' ? group_end(p) : strchr(p + 1, ']');

			if (!e)
				return 1;
			p = e;
		} else if (*p == '|') {
			return 1;
		}
	}
	return 0;
}

/* Skip the zero-width assertions a pattern may open with. */
static const char *skip_assertions(const char *p)
{
	for (;;) {
		if (p[0] == '\\' && (p[1] == 'b' || p[1] == 'A' || p[1] == 'G'))
			p += 2;
		else if (p[0] == '^')
			p++;
		else if (p[0] == '(' && p[1] == '?' && p[2] == '<' &&
		         (p[3] == '=' || p[3] == '!')) {
			const char *e = group_end(p);

			if (!e)
				return NULL;
			p = e + 1;
		} else {
			return p;
		}
	}
}

char *tact_pattern_literal(const char *pattern)
{
	const char *p, *start, *end;
	char *lit;

	if (top_level_alternation(pattern))
		return NULL;
	p = skip_assertions(pattern);
	if (!p)
		return NULL;
	start = end = p;
	while (*p && !strchr("\\^$.|?*+()[]{} \t\n#", *p)) {
		size_t n = tact_utf8_seqlen((unsigned char)*p);

		if (strlen(p) < n)
			return NULL;
		p += n;
		/* A quantifier that allows zero drops the letter before it. */
		if (*p == '?' || *p == '*' || (*p == '{' && p[1] == '0'))
			break;
		end = p;
	}
	if (end - start < 2)
		return NULL;
	lit = tact_fold_string(start, (size_t)(end - start), 1);
	if (lit && strlen(lit) < 2) {
		tact_free(lit);
		lit = NULL;
	}
	return lit;
}

void tact_pattern_free(struct tact_pattern *p)
{
	size_t k;

	pcre2_code_free(p->code);
	pcre2_code_free(atomic_load(&p->jit));
	tact_text_free(p->literal);
	tact_text_free(p->source);
	tact_anchors_free(&p->anchors);
	tact_anchors_free(&p->required);
	tact_anchors_free(&p->inner);
	for (k = 0; k < p->nsuggestions; k++)
		free(p->suggestions[k]);
	free(p->suggestions);
}

int tact_pattern_match(const struct tact_pattern *p, const char *subject,
                       size_t len, size_t off, pcre2_match_data *md,
                       const pcre2_match_context *mctx)
{
	pcre2_match_context *m = (pcre2_match_context *)(uintptr_t)mctx;
	int jitted;
	const pcre2_code *code = tact_pattern_code(p, &jitted);

	if (jitted)
		return pcre2_jit_match(code, (PCRE2_SPTR)subject, len, off, 0, md, m);
	return pcre2_match(code, (PCRE2_SPTR)subject, len, off,
	                   PCRE2_NO_UTF_CHECK, md, m);
}
