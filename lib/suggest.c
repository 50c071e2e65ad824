/*
 * suggest.c: turning a suggestion template into text for one match.
 *
 * Captures are copied from the original message (the agent's own letters
 * and case); the template's literal words follow the case of the match:
 * «НО» → «ОДНАКО», «Но» → «Однако», «но» → «однако».
 */
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* TACT_CASE_OF_UPPER when cp has a lower-case form, TACT_CASE_OF_LOWER
 * when it has an upper-case one, 0 for neither. */
static int cased(uint32_t cp)
{
	int c = tact_plain_case(cp);

	if (c != TACT_CASE_OF_ASK)
		return c;
	return (utf8proc_tolower((int32_t)cp) != (int32_t)cp
	                ? TACT_CASE_OF_UPPER : 0) |
	       (utf8proc_toupper((int32_t)cp) != (int32_t)cp
	                ? TACT_CASE_OF_LOWER : 0);
}

enum tact_case tact_case_of(const char *s, size_t len)
{
	size_t i = 0, upper = 0, lower = 0;
	int first = -1;

	/* Once the first letter and a lower-case one (it may be the same)
	 * have been read, the text is not all capitals: the first letter
	 * decides. */
	while (i < len && !(lower && first >= 0)) {
		uint32_t cp = tact_utf8_next(s, &i);
		int c = cased(cp), up = (c & TACT_CASE_OF_UPPER) != 0,
		    low = (c & TACT_CASE_OF_LOWER) != 0;

		if (!up && !low)
			continue;
		if (first < 0)
			first = up;
		upper += (size_t)up;
		lower += (size_t)low;
	}
	if (upper >= 2 && lower == 0)
		return TACT_CASE_UPPER;
	return first == 1 ? TACT_CASE_CAPITAL : TACT_CASE_KEEP;
}

/* Append literal template text, re-cased; *at_start is cleared once the
 * first letter has been written. */
static int put_literal(struct tact_buf *out, const char *s, size_t n,
                       enum tact_case c, int *at_start)
{
	size_t i = 0;

	if (c == TACT_CASE_KEEP) {
		if (n)
			*at_start = 0;
		return tact_buf_append(out, s, n);
	}
	while (i < n) {
		char enc[4];
		uint32_t cp;
		int letter;

		/* Capitalised: the first letter written, the rest as is. */
		if (c != TACT_CASE_UPPER && !*at_start)
			return tact_buf_append(out, s + i, n - i);
		cp = tact_utf8_next(s, &i);
		letter = cased(cp) != 0;

		if (c == TACT_CASE_UPPER || (*at_start && letter))
			cp = (uint32_t)utf8proc_toupper((int32_t)cp);
		if (letter)
			*at_start = 0;
		if (tact_buf_append(out, enc, tact_utf8_put(enc, cp)))
			return TACT_ENOMEM;
	}
	return TACT_OK;
}

/* The group a reference names: $N, ${N} or ${name}; -1 when invalid. */
static int group_of(const char *name, size_t n, const pcre2_code *code)
{
	char buf[64];
	size_t k;
	int num = 0;

	if (n == 0 || n >= sizeof buf)
		return -1;
	if (name[0] >= '0' && name[0] <= '9') {
		for (k = 0; k < n && num < 1000; k++)
			num = num * 10 + (name[k] - '0');
		return num;
	}
	memcpy(buf, name, n);
	buf[n] = '\0';
	return pcre2_substring_number_from_name(code, (PCRE2_SPTR)buf);
}

static int put_group(struct tact_buf *out, int group, const char *orig,
                     const struct tact_norm *n, size_t seg_base,
                     const PCRE2_SIZE *ov, uint32_t npairs)
{
	size_t s, e;

	if (group < 0 || (uint32_t)group >= npairs ||
	    ov[2 * group] == PCRE2_UNSET)
		return TACT_OK; /* an unset group inserts nothing */
	tact_norm_span(n, ov[2 * group], ov[2 * group + 1], &s, &e);
	return tact_buf_append(out, orig + seg_base + s, e - s);
}

int tact_suggest(struct tact_buf *out, const char *tpl, const char *orig,
                 const struct tact_norm *n, size_t seg_base,
                 const PCRE2_SIZE *ov, uint32_t npairs,
                 const pcre2_code *code)
{
	size_t ms, me;
	enum tact_case c;
	int at_start = 1;
	const char *p = tpl;

	tact_norm_span(n, ov[0], ov[1], &ms, &me);
	c = tact_case_of(orig + seg_base + ms, me - ms);
	out->len = 0;
	if (tact_buf_reserve(out, strlen(tpl)))
		return TACT_ENOMEM;
	out->data[0] = '\0';
	while (*p) {
		const char *d = strchr(p, '$'), *name;
		size_t nlen;

		if (!d)
			return put_literal(out, p, strlen(p), c, &at_start);
		if (put_literal(out, p, (size_t)(d - p), c, &at_start))
			return TACT_ENOMEM;
		if (d[1] == '$') {
			if (put_literal(out, "$", 1, c, &at_start))
				return TACT_ENOMEM;
			p = d + 2;
			continue;
		}
		if (d[1] == '{') {
			const char *close = strchr(d + 2, '}');

			name = d + 2;
			nlen = close ? (size_t)(close - name) : 0;
			p = close ? close + 1 : d + 2;
		} else {
			name = d + 1;
			nlen = (*name >= '0' && *name <= '9') ? 1 : 0;
			p = name + nlen;
		}
		if (put_group(out, group_of(name, nlen, code), orig, n, seg_base, ov,
		              npairs))
			return TACT_ENOMEM;
		at_start = 0;
	}
	return TACT_OK;
}
