/*
 * rewrite.c: applying suggestions.
 *
 * Each round checks the text and replaces, from left to right, every
 * finding that has a suggestion and does not overlap one already replaced
 * in that round. Overlapping findings are left for the next round, which
 * checks the new text; rounds stop when nothing changes. The result holds
 * no finding a suggestion could fix, so rewriting it again changes nothing.
 *
 * A pack whose suggestions contain their own trigger could make the text
 * grow round after round: a later round that more than doubles the text is
 * not taken, and no round may exceed TACT_MAX_TEXT.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_ROUNDS 8

/* One round: *changed tells whether a suggestion was applied. */
static int round_apply(struct tact_buf *out, const tact_report *r,
                       const char *text, size_t len, int *changed)
{
	size_t k, pos = 0;

	*changed = 0;
	out->len = 0;
	for (k = 0; k < r->nfindings; k++) {
		const tact_finding *f = &r->findings[k];
		const char *s;

		if (f->nsugg == 0 || f->advisory || f->start < pos)
			continue;
		s = tact_finding_suggestion(f, 0);
		if (tact_buf_append(out, text + pos, f->start - pos) ||
		    tact_buf_append(out, s, strlen(s)))
			return TACT_ENOMEM;
		if (out->len > TACT_MAX_TEXT)
			return TACT_ETOOBIG;
		pos = f->end;
		*changed = 1;
	}
	return tact_buf_append(out, text + pos, len - pos);
}

int tact_rewrite(char **out, size_t *out_len, const tact_checker *c,
                 const char *text, size_t len, const tact_check_options *opts)
{
	struct tact_buf cur = { NULL, 0, 0 }, next = { NULL, 0, 0 };
	int rc, round, changed = 1;

	if (out)
		*out = NULL;
	if (!out || (!text && len))
		return tact_err(TACT_EINVAL, "tact_rewrite: NULL %s",
		                out ? "text" : "out");
	if (tact_buf_append(&cur, text ? text : "", text ? len : 0))
		return tact_err(TACT_ENOMEM, "out of memory");
	for (round = 0; changed && round < MAX_ROUNDS; round++) {
		tact_report *r = NULL;
		struct tact_buf t;

		rc = tact_check(&r, c, cur.data, cur.len, opts);
		if (rc)
			goto fail;
		rc = round_apply(&next, r, cur.data, cur.len, &changed);
		tact_report_free(r);
		if (rc) {
			rc = tact_err(rc, rc == TACT_ETOOBIG ? "rewritten text too large"
			                                     : "out of memory");
			goto fail;
		}
		if (round > 0 && next.len > 2 * cur.len + 4096)
			break; /* runaway growth: keep the previous round */
		t = cur;
		cur = next;
		next = t;
	}
	tact_buf_free(&next);
	*out = cur.data;
	if (out_len)
		*out_len = cur.len;
	return TACT_OK;
fail:
	tact_buf_free(&cur);
	tact_buf_free(&next);
	return rc;
}
