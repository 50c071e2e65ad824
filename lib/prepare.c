/*
 * prepare.c: a build-time tool that turns the built-in rule packs into a C
 * source file: each pack's YAML document as libyaml loads it, and the work
 * their patterns need (folding, anchor and inner literal analysis, PCRE2
 * compilation) done once, here, by the library's own loader
 * (lib/pack_image.c, lib/prepared.c, docs/performance.md).
 *
 * usage: prepare OUTPUT.c NAME=FILE...
 *
 * A pack the loader refuses fails the build with the loader's message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "pack.h"

/* The tool is linked with the library's objects, which expect the tables
 * it generates: it prepares packs with none. */
const struct tact_builtin_pack tact_builtin_packs[] = { { "", NULL, 0 } };
const size_t tact_builtin_pack_count = 0;
const unsigned char tact_builtin_scalars[] = { 0 };
const size_t tact_builtin_scalars_size = 0;
const yaml_node_item_t tact_builtin_items[] = { 0 };
const yaml_node_pair_t tact_builtin_pairs[] = { { 0, 0 } };
const struct tact_prepared tact_prepared[] = {
	{ 0, 0, 0, { 0 }, { 0 }, 0, 0, 0 }
};
const size_t tact_prepared_count = 0;
const struct tact_prepared_literal tact_prepared_literals[] = { { 0, 0, 0, 0 } };
const unsigned char tact_prepared_pool[] = { 0 };
const size_t tact_prepared_pool_size = 0;
const unsigned char tact_prepared_codes[] = { 0 };

struct bytes {
	char *v;
	size_t n, cap;
};

/* What the loader computed, in load order. */
struct record {
	struct tact_prepared *v;
	pcre2_code **codes;
	size_t n, cap, codecap;
	struct tact_prepared_literal *lits;
	size_t nlits, litcap;
	struct bytes pool;
};

/* The packs' documents. */
struct image {
	struct bytes scalars;
	yaml_node_item_t *items;
	size_t nitems, itemcap;
	yaml_node_pair_t *pairs;
	size_t npairs, paircap;
};

static void *grow(void *v, size_t *cap, size_t need, size_t size)
{
	size_t cap2 = *cap ? *cap : 64;

	while (cap2 < need)
		cap2 *= 2;
	if (cap2 == *cap)
		return v;
	v = realloc(v, cap2 * size);
	if (!v) {
		fprintf(stderr, "prepare: out of memory\n");
		exit(1);
	}
	*cap = cap2;
	return v;
}

/* Append count items of size bytes from src to the array v of *n items
 * (room for *cap): the array, grown. */
static void *append(void *v, size_t *n, size_t *cap, const void *src,
                    size_t count, size_t size)
{
	v = grow(v, cap, *n + count, size);
	if (count)
		memcpy((char *)v + *n * size, src, count * size);
	*n += count;
	return v;
}

/* Append len bytes of s and a NUL: where they start. */
static size_t add_string(struct bytes *b, const char *s, size_t len)
{
	size_t at = b->n;

	b->v = append(b->v, &b->n, &b->cap, s, len, 1);
	b->v = append(b->v, &b->n, &b->cap, "", 1, 1);
	return at;
}

static uint32_t offset(size_t n)
{
	if (n > UINT32_MAX) {
		fprintf(stderr, "prepare: the packs are too large\n");
		exit(1);
	}
	return (uint32_t)n;
}

/* Add s to the pool: its offset, 0 for none (the pool opens with a NUL). */
static uint32_t pool_add(struct bytes *b, const char *s, size_t len)
{
	if (!s)
		return 0;
	if (b->n == 0)
		add_string(b, "", 0);
	return offset(add_string(b, s, len));
}

static uint32_t add_list(struct record *r, const struct tact_anchors *a,
                         uint16_t *count)
{
	uint32_t first = (uint32_t)r->nlits;
	size_t k;

	r->lits = grow(r->lits, &r->litcap, r->nlits + a->n, sizeof *r->lits);
	for (k = 0; k < a->n; k++) {
		struct tact_prepared_literal *l = &r->lits[r->nlits++];

		l->text = pool_add(&r->pool, a->v[k].text, a->v[k].len);
		l->len = (uint16_t)a->v[k].len;
		l->word = (uint8_t)a->v[k].word;
		l->end = (uint8_t)a->v[k].end;
	}
	*count = (uint16_t)a->n;
	return first;
}

static int note(void *arg, enum tact_prep_kind kind, const char *src,
                const struct tact_pattern *p)
{
	struct record *r = arg;
	struct tact_prepared *e;

	r->v = grow(r->v, &r->cap, r->n + 1, sizeof *r->v);
	r->codes = grow(r->codes, &r->codecap, r->n + 1, sizeof *r->codes);
	e = memset(&r->v[r->n], 0, sizeof *e);
	r->codes[r->n] = pcre2_code_copy(p->code);
	if (!r->codes[r->n])
		return TACT_ENOMEM;
	r->n++;
	e->kind = (uint8_t)kind;
	e->line_start = (uint8_t)p->line_start;
	e->starts_below = (uint8_t)p->starts_below;
	e->src = pool_add(&r->pool, src, strlen(src));
	e->source = pool_add(&r->pool, p->source, p->source ? strlen(p->source) : 0);
	e->literal = pool_add(&r->pool, p->literal, p->literal_len);
	e->lists[0] = add_list(r, &p->anchors, &e->counts[0]);
	e->lists[1] = add_list(r, &p->required, &e->counts[1]);
	e->lists[2] = add_list(r, &p->inner, &e->counts[2]);
	return TACT_OK;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, got = 1;

	*len = 0;
	if (!in) {
		perror(path);
		return NULL;
	}
	while (got > 0) {
		buf = grow(buf, &cap, *len + 65536, 1);
		got = fread(buf + *len, 1, cap - *len, in);
		*len += got;
	}
	if (ferror(in)) {
		perror(path);
		free(buf);
		buf = NULL;
	}
	fclose(in);
	return buf;
}

static void emit_bytes(FILE *out, const char *decl, const void *data,
                       size_t len)
{
	const unsigned char *b = data;
	size_t k;

	fprintf(out, "%s = {", decl);
	for (k = 0; k < len; k++)
		fprintf(out, "%s0x%02x,", k % 16 ? "" : "\n\t", b[k]);
	fprintf(out, "\n\t0x00\n};\n\n");
}

static void emit_record(FILE *out, struct record *r)
{
	uint8_t *codes = NULL;
	PCRE2_SIZE size = 0;
	size_t k;

	emit_bytes(out, "const unsigned char tact_prepared_pool[]", r->pool.v, r->pool.n);
	fprintf(out, "const size_t tact_prepared_pool_size = %zu;\n\n", r->pool.n);
	fprintf(out, "const struct tact_prepared_literal tact_prepared_literals[] = {\n");
	for (k = 0; k < r->nlits; k++)
		fprintf(out, "\t{ %u, %u, %u, %u },\n", (unsigned)r->lits[k].text,
		        (unsigned)r->lits[k].len, (unsigned)r->lits[k].word,
		        (unsigned)r->lits[k].end);
	fprintf(out, "\t{ 0, 0, 0, 0 }\n};\n\n");
	fprintf(out, "const struct tact_prepared tact_prepared[] = {\n");
	for (k = 0; k < r->n; k++) {
		const struct tact_prepared *e = &r->v[k];

		fprintf(out, "\t{ %u, %u, %u, { %u, %u, %u }, { %u, %u, %u }, %u, "
		        "%u, %u },\n",
		        (unsigned)e->src, (unsigned)e->source, (unsigned)e->literal,
		        (unsigned)e->lists[0], (unsigned)e->lists[1],
		        (unsigned)e->lists[2], (unsigned)e->counts[0],
		        (unsigned)e->counts[1], (unsigned)e->counts[2],
		        (unsigned)e->kind, (unsigned)e->line_start,
		        (unsigned)e->starts_below);
	}
	fprintf(out, "\t{ 0, 0, 0, { 0 }, { 0 }, 0, 0, 0 }\n};\n");
	fprintf(out, "const size_t tact_prepared_count = %zu;\n\n", r->n);
	if (r->n > 0) {
		const pcre2_code **v = calloc(r->n, sizeof *v);

		for (k = 0; v && k < r->n; k++)
			v[k] = r->codes[k];
		if (!v || pcre2_serialize_encode(v, (int32_t)r->n, &codes, &size,
		                                 NULL) < 0) {
			fprintf(stderr, "prepare: PCRE2 cannot serialize the patterns\n");
			exit(1);
		}
		free(v);
	}
	emit_bytes(out, "_Alignas(16) const unsigned char tact_prepared_codes[]",
	           codes, size);
	pcre2_serialize_free(codes);
}

static void record_free(struct record *r)
{
	size_t k;

	for (k = 0; k < r->n; k++)
		pcre2_code_free(r->codes[k]);
	free(r->codes);
	free(r->v);
	free(r->lits);
	free(r->pool.v);
}

static void emit_node(FILE *out, struct image *im, const yaml_node_t *n)
{
	size_t a = 0, b = 0;

	if (n->type == YAML_SCALAR_NODE) {
		b = n->data.scalar.length;
		a = add_string(&im->scalars, (const char *)n->data.scalar.value, b);
	} else if (n->type == YAML_SEQUENCE_NODE) {
		a = im->nitems;
		b = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
		im->items = append(im->items, &im->nitems, &im->itemcap,
		                   n->data.sequence.items.start, b, sizeof *im->items);
	} else if (n->type == YAML_MAPPING_NODE) {
		a = im->npairs;
		b = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
		im->pairs = append(im->pairs, &im->npairs, &im->paircap,
		                   n->data.mapping.pairs.start, b, sizeof *im->pairs);
	}
	fprintf(out, "\t{ %u, %u, %u, %d },\n", (unsigned)offset(a),
	        (unsigned)offset(b), (unsigned)offset(n->start_mark.line),
	        (int)n->type);
}

/* The document libyaml loads from text, as the array nodes_<index>. */
static int emit_document(FILE *out, struct image *im, const char *path,
                         const char *text, size_t len, int index)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *n;

	if (!yaml_parser_initialize(&parser))
		return 1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, &doc)) {
		fprintf(stderr, "%s:%zu: YAML: %s\n", path,
		        (size_t)parser.problem_mark.line + 1,
		        parser.problem ? parser.problem : "error");
		yaml_parser_delete(&parser);
		return 1;
	}
	yaml_parser_delete(&parser);
	fprintf(out, "static const struct tact_yaml_node nodes_%d[] = {\n", index);
	for (n = doc.nodes.start; n < doc.nodes.top; n++)
		emit_node(out, im, n);
	fprintf(out, "\t{ 0, 0, 0, 0 }\n};\n\n");
	fprintf(out, "#define NODES_%d %zu\n\n", index,
	        (size_t)(doc.nodes.top - doc.nodes.start));
	yaml_document_delete(&doc);
	return 0;
}

static void emit_image(FILE *out, struct image *im)
{
	size_t k;

	emit_bytes(out, "const unsigned char tact_builtin_scalars[]",
	           im->scalars.v, im->scalars.n);
	fprintf(out, "const size_t tact_builtin_scalars_size = %zu;\n\n",
	        im->scalars.n);
	fprintf(out, "const yaml_node_item_t tact_builtin_items[] = {");
	for (k = 0; k < im->nitems; k++)
		fprintf(out, "%s%d,", k % 16 ? "" : "\n\t", im->items[k]);
	fprintf(out, "\n\t0\n};\n\n");
	fprintf(out, "const yaml_node_pair_t tact_builtin_pairs[] = {\n");
	for (k = 0; k < im->npairs; k++)
		fprintf(out, "\t{ %d, %d },\n", im->pairs[k].key, im->pairs[k].value);
	fprintf(out, "\t{ 0, 0 }\n};\n\n");
	free(im->scalars.v);
	free(im->items);
	free(im->pairs);
}

/* Load every pack in order, as tact_checker_new() does, writing its
 * document. */
static int load_packs(FILE *out, int argc, char **argv, struct record *r)
{
	struct tact_prep prep;
	struct image im;
	tact_checker *c = NULL;
	int k, rc = tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN);

	memset(&im, 0, sizeof im);
	memset(&prep, 0, sizeof prep);
	prep.note = note;
	prep.arg = r;
	for (k = 2; !rc && k < argc; k++) {
		const char *eq = strchr(argv[k], '=');
		size_t len;
		char *text = eq ? read_file(eq + 1, &len) : NULL;

		if (!text || emit_document(out, &im, eq + 1, text, len, k)) {
			free(text);
			rc = 1;
			break;
		}
		rc = tact_pack_load_prepared(c, text, len, eq + 1, &prep);
		if (rc)
			fprintf(stderr, "prepare: %s\n", tact_error_last());
		free(text);
	}
	tact_checker_free(c);
	emit_image(out, &im);
	return rc;
}

int main(int argc, char **argv)
{
	struct record r;
	FILE *out;
	int k, rc;

	if (argc < 2) {
		fprintf(stderr, "usage: prepare OUTPUT.c NAME=FILE...\n");
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	memset(&r, 0, sizeof r);
	fprintf(out, "/* Generated by lib/prepare.c from rules/: do not edit. */\n"
	             "#include \"internal.h\"\n#include \"pack.h\"\n\n");
	rc = load_packs(out, argc, argv, &r);
	if (!rc) {
		emit_record(out, &r);
		fprintf(out, "const struct tact_builtin_pack tact_builtin_packs[] = {\n");
		for (k = 2; k < argc; k++) {
			const char *eq = strchr(argv[k], '=');

			fprintf(out, "\t{ \"%.*s\", nodes_%d, NODES_%d },\n",
			        (int)(eq - argv[k]), argv[k], k, k);
		}
		if (argc == 2)
			fprintf(out, "\t{ \"\", NULL, 0 },\n");
		fprintf(out, "};\nconst size_t tact_builtin_pack_count = %d;\n",
		        argc - 2);
	}
	record_free(&r);
	if (fclose(out) != 0 || rc) {
		remove(argv[1]);
		return 1;
	}
	return 0;
}
