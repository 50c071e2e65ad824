/*
 * pcre2_baseline.c: what PCRE2 alone costs on the bench corpus
 * (bench/README.md, "Comparisons"). Every pattern of PATTERNS (one regex a
 * line, as bench/gen-pack writes them) is compiled like tact compiles a
 * rule's pattern (UTF, UCP, caseless, JIT) and run over every message
 * (a line of CORPUS, as tact-bench --dump writes it), all matches counted.
 * With --floor, no matching: the time to read the corpus, split it into
 * lines and validate each line's UTF-8, which any checker pays.
 *
 * usage: pcre2-baseline [--json] [--repeat N] PATTERNS CORPUS
 *        pcre2-baseline [--json] [--repeat N] --floor CORPUS
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct lines {
	char *text;
	size_t len;
	size_t *starts;         /* count + 1 offsets: line k is [k, k + 1) */
	size_t count;
};

struct patterns {
	pcre2_code **code;
	size_t count;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
	fprintf(stderr, "pcre2-baseline: %s\n", what);
	exit(2);
}

/* The whole file, NUL-terminated, in one read when its size is known. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	size_t cap, n = 0, got;
	char *buf;

	if (!f || fstat(fileno(f), &st)) {
		perror(path);
		exit(2);
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 1 << 16;
	if (!(buf = malloc(cap + 1)))
		die("out of memory");
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap && !(buf = realloc(buf, (cap *= 2) + 1)))
			die("out of memory");
	}
	if (ferror(f))
		die("read error");
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Offsets of the lines of text; each line keeps its '\n'. */
static void split(struct lines *l)
{
	size_t cap = 1024, at = 0;
	const char *nl;

	l->count = 0;
	l->starts = malloc(cap * sizeof *l->starts);
	while (l->starts && at < l->len) {
		if (l->count + 2 > cap &&
		    !(l->starts = realloc(l->starts, (cap *= 2) * sizeof *l->starts)))
			break;
		l->starts[l->count++] = at;
		nl = memchr(l->text + at, '\n', l->len - at);
		at = nl ? (size_t)(nl - l->text) + 1 : l->len;
	}
	if (!l->starts)
		die("out of memory");
	l->starts[l->count] = l->len;
}

/* The length of the valid UTF-8 prefix of s (n when all of it is). */
static size_t utf8_valid(const unsigned char *s, size_t n)
{
	size_t k = 0;

	while (k < n) {
		unsigned c = s[k], need, min, cp, j;
		uint64_t w;

		if (c < 0x80) {
			k++;
			while (k + 8 <= n) {            /* runs of ASCII */
				memcpy(&w, s + k, 8);
				if (w & 0x8080808080808080ull)
					break;
				k += 8;
			}
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, min = 0x80, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, min = 0x800, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, min = 0x10000, cp = c & 0x07;
		else
			return k;
		if (n - k <= need)
			return k;
		for (j = 1; j <= need; j++) {
			if ((s[k + j] & 0xC0) != 0x80)
				return k;
			cp = cp << 6 | (s[k + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return k;
		k += need + 1;
	}
	return n;
}

static size_t validate(const struct lines *l)
{
	size_t k, bad = 0;

	for (k = 0; k < l->count; k++) {
		size_t s = l->starts[k], n = l->starts[k + 1] - s;

		bad += utf8_valid((const unsigned char *)l->text + s, n) != n;
	}
	return bad;
}

static void compile_patterns(struct patterns *p, const char *path)
{
	struct lines src;
	size_t k;

	src.text = read_file(path, &src.len);
	split(&src);
	p->code = calloc(src.count + 1, sizeof *p->code);
	if (!p->code)
		die("out of memory");
	for (k = 0, p->count = 0; k < src.count; k++) {
		size_t s = src.starts[k], e = src.starts[k + 1];
		int err;
		PCRE2_SIZE off;

		while (e > s && (src.text[e - 1] == '\n' || src.text[e - 1] == '\r'))
			e--;
		if (e == s)
			continue;
		p->code[p->count] = pcre2_compile((PCRE2_SPTR)src.text + s, e - s,
			PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
		if (!p->code[p->count] ||
		    pcre2_jit_compile(p->code[p->count], PCRE2_JIT_COMPLETE))
			die("a pattern does not compile (or JIT-compile)");
		p->count++;
	}
	free(src.text);
	free(src.starts);
}

/* All matches of one pattern in one message. */
static size_t count_matches(pcre2_code *re, pcre2_match_data *md,
                            const char *s, size_t n)
{
	PCRE2_SIZE at = 0, *ov = pcre2_get_ovector_pointer(md);
	size_t found = 0;

	while (at <= n && pcre2_jit_match(re, (PCRE2_SPTR)s, n, at, 0, md,
	                                  NULL) >= 0) {
		found++;
		at = ov[1];
		if (ov[1] == ov[0]) {           /* empty: step one character */
			if (at >= n)
				break;
			at++;
			while (at < n && ((unsigned char)s[at] & 0xC0) == 0x80)
				at++;
		}
	}
	return found;
}

/* Every pattern over every message (each validated first, as a checker
 * must before it may skip PCRE2's own check). */
static size_t match_all(const struct patterns *p, const struct lines *l,
                        pcre2_match_data *md)
{
	size_t k, j, found = 0;

	for (k = 0; k < l->count; k++) {
		const char *s = l->text + l->starts[k];
		size_t n = l->starts[k + 1] - l->starts[k];

		if (utf8_valid((const unsigned char *)s, n) != n)
			continue;
		for (j = 0; j < p->count; j++)
			found += count_matches(p->code[j], md, s, n);
	}
	return found;
}

/* found is the matches, or with --floor the lines of invalid UTF-8. */
static void report(int json, const char *what, size_t npat,
                   const struct lines *l, const char *found_name,
                   size_t found, double secs)
{
	double mb = (double)l->len / 1e6;

	if (json)
		printf("{\"what\":\"%s\",\"patterns\":%zu,\"messages\":%zu,"
		       "\"bytes\":%zu,\"%s\":%zu,\"seconds\":%.6f,"
		       "\"mb_per_s\":%.3f,\"messages_per_s\":%.1f}\n", what, npat,
		       l->count, l->len, found_name, found, secs, mb / secs,
		       (double)l->count / secs);
	else
		printf("%s: %zu patterns, %zu messages, %.1f MB, %zu %s: "
		       "%.1f MB/s, %.0f messages/s\n", what, npat, l->count, mb,
		       found, found_name, mb / secs, (double)l->count / secs);
}

/* Read + split + validate, the best of repeat runs. */
static int run_floor(const char *corpus, int repeat, int json)
{
	struct lines l = { 0 };
	double best = 1e30;
	size_t bad = 0;
	int r;

	for (r = 0; r < repeat; r++) {
		double t0 = now();

		l.text = read_file(corpus, &l.len);
		split(&l);
		bad = validate(&l);
		t0 = now() - t0;
		if (t0 < best)
			best = t0;
		if (r + 1 < repeat) {
			free(l.text);
			free(l.starts);
		}
	}
	report(json, "read + split + validate UTF-8", 0, &l, "invalid",
	       bad, best);
	free(l.text);
	free(l.starts);
	return 0;
}

/* Matching only (the corpus is in memory), the best of repeat runs. */
static int run_match(const char *pats, const char *corpus, int repeat,
                     int json)
{
	struct patterns p;
	struct lines l = { 0 };
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	double best = 1e30;
	size_t found = 0, k;
	int r;

	if (!md)
		die("out of memory");
	compile_patterns(&p, pats);
	l.text = read_file(corpus, &l.len);
	split(&l);
	for (r = 0; r < repeat; r++) {
		double t0 = now();

		found = match_all(&p, &l, md);
		t0 = now() - t0;
		if (t0 < best)
			best = t0;
	}
	report(json, "PCRE2 JIT, one pattern per rule", p.count, &l, "matches",
	       found, best);
	for (k = 0; k < p.count; k++)
		pcre2_code_free(p.code[k]);
	free(p.code);
	pcre2_match_data_free(md);
	free(l.text);
	free(l.starts);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: pcre2-baseline [--json] [--repeat N] PATTERNS CORPUS\n"
	                "       pcre2-baseline [--json] [--repeat N] --floor CORPUS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int k = 1, json = 0, floor_only = 0, repeat = 1;

	for (; k < argc && argv[k][0] == '-'; k++) {
		if (!strcmp(argv[k], "--json"))
			json = 1;
		else if (!strcmp(argv[k], "--floor"))
			floor_only = 1;
		else if (!strcmp(argv[k], "--repeat") && k + 1 < argc)
			repeat = atoi(argv[++k]);
		else
			usage();
	}
	if (repeat < 1 || argc - k != (floor_only ? 1 : 2))
		usage();
	if (floor_only)
		return run_floor(argv[k], repeat, json);
	return run_match(argv[k], argv[k + 1], repeat, json);
}
