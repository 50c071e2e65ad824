/*
 * out_json.c: the JSON objects of the CLI contract (docs/cli.md):
 *
 *   {"id":"...","language":"ru","findings":[{"rule":...,"category":...,
 *    "severity":...,"start":27,"end":31,"cp_start":15,"cp_end":17,
 *    "line":1,"column":16,"match":"но","message":...,"explanation":...,
 *    "suggestions":["однако"]}],"score":92,"lost":{"contrast":8},
 *    "questions":{"open":0,"closed":0},...,"fixed":"..."}
 *   (the coaching members between "findings" and "fixed": out_coach.c)
 *   {"id":"...","error":{"code":"utf8","message":"...","offset":12}}
 *   {"id":"...","text":"..."}                      (tact rewrite)
 *
 * Members are written in this order, compactly, without a line break.
 */
#include "cli.h"

static void put_span(struct json_buf *b, const tact_finding *fd)
{
	size_t start = 0, end = 0, cp_start = 0, cp_end = 0, line = 0, col = 0;

	tact_finding_span(fd, &start, &end, &cp_start, &cp_end, &line, &col);
	json_put_size_member(b, "start", start);
	json_put_size_member(b, "end", end);
	json_put_size_member(b, "cp_start", cp_start);
	json_put_size_member(b, "cp_end", cp_end);
	json_put_size_member(b, "line", line);
	json_put_size_member(b, "column", col);
}

static void put_suggestions(struct json_buf *b, const tact_finding *fd)
{
	size_t i, n = tact_finding_suggestion_count(fd);

	json_put_lit(b, JSON_MEMBER("suggestions") "[");
	for (i = 0; i < n; i++) {
		if (i)
			json_put_lit(b, ",");
		json_put_cstring(b, tact_finding_suggestion(fd, i));
	}
	json_put_lit(b, "]");
}

static void put_finding(struct json_buf *b, const tact_finding *fd)
{
	size_t match_len = 0;
	const char *match = tact_finding_match(fd, &match_len);

	json_put_lit(b, JSON_FIRST("rule"));
	json_put_cstring(b, tact_finding_rule(fd));
	json_put_string_member(b, "category", tact_finding_category(fd));
	json_put_string_member(b, "severity",
	                  tact_severity_name(tact_finding_severity(fd)));
	put_span(b, fd);
	json_put_lit(b, JSON_MEMBER("match"));
	json_put_string(b, match ? match : "", match ? match_len : 0);
	json_put_string_member(b, "message", tact_finding_message(fd));
	json_put_string_member(b, "explanation",
	                       tact_finding_explanation(fd));
	put_suggestions(b, fd);
	json_put_lit(b, "}");
}

void json_put_report(struct json_buf *b, const char *id,
                     const tact_report *r, const char *fixed,
                     size_t fixed_len)
{
	size_t i, n = tact_report_count(r);

	json_put_lit(b, JSON_FIRST("id"));
	json_put_cstring(b, id);
	json_put_string_member(b, "language", tact_report_language(r));
	json_put_lit(b, JSON_MEMBER("findings") "[");
	for (i = 0; i < n; i++) {
		if (i)
			json_put_lit(b, ",");
		put_finding(b, tact_report_finding(r, i));
	}
	json_put_lit(b, "]");
	json_put_coaching(b, r);
	if (fixed) {
		json_put_lit(b, JSON_MEMBER("fixed"));
		json_put_string(b, fixed, fixed_len);
	}
	json_put_lit(b, "}");
}

void json_put_error(struct json_buf *b, const char *id, const char *code,
                    const char *message, size_t offset)
{
	json_put_lit(b, JSON_FIRST("id"));
	json_put_cstring(b, id);
	json_put_lit(b, JSON_MEMBER("error") JSON_FIRST("code"));
	json_put_cstring(b, code);
	json_put_string_member(b, "message", message);
	if (offset != (size_t)-1)
		json_put_size_member(b, "offset", offset);
	json_put_lit(b, "}}");
}

void json_put_rewrite(struct json_buf *b, const char *id, const char *text,
                      size_t len)
{
	json_put_lit(b, JSON_FIRST("id"));
	json_put_cstring(b, id);
	json_put_lit(b, JSON_MEMBER("text"));
	json_put_string(b, text, len);
	json_put_lit(b, "}");
}

int json_flush(struct json_buf *b, FILE *f)
{
	int oom = b->oom;

	if (!oom && b->len)
		fwrite(b->data, 1, b->len, f);
	json_buf_clear(b);
	return oom ? -1 : 0;
}
