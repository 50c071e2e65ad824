/*
 * pack.h: the pack loader's state and helpers, shared by pack.c (rules) and
 * pack_coach.c (vocabulary bands and coaching). Not installed.
 */
#ifndef TACT_PACK_H
#define TACT_PACK_H

#include <yaml.h>

#include "internal.h"

struct loader {
	yaml_document_t doc;
	const char *name;       /* file name for messages */
	char *language;
	char *pack;
	struct tact_rule **rules;
	size_t nrules, rulecap;
	char **cats;
	size_t ncats, catcap;
	struct tact_band **bands;
	size_t nbands, bandcap;
	struct tact_coach *coach;
	const tact_checker *checker;
	struct tact_prep *prep; /* built-in packs: their prepared patterns */
	int image;              /* doc is a built-in pack's: pk_image_document() */
};

/* The built-in packs' documents (lib/prepare.c generates them). */
extern const unsigned char tact_builtin_scalars[];
extern const size_t tact_builtin_scalars_size;
extern const yaml_node_item_t tact_builtin_items[];
extern const yaml_node_pair_t tact_builtin_pairs[];

/* ld->doc from a built-in pack's nodes: its scalars, items and pairs are
 * the library's own, so it is freed with free(ld->doc.nodes.start), not
 * yaml_document_delete(). TACT_ENOMEM on failure. */
int pk_image_document(struct loader *ld, const struct tact_builtin_pack *bp);

/* Record a pack error at node's line; returns TACT_EPACK. */
int pk_fail(struct loader *ld, const yaml_node_t *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
yaml_node_t *pk_node(struct loader *ld, int index);
const char *pk_scalar(const yaml_node_t *n);
int pk_scalar_dup(struct loader *ld, yaml_node_t *n, const char *what,
                  char **out);
/* As pk_scalar_dup(), but a built-in pack's text is not copied: *out points
 * to the library's own (tact_text_lasting()), to be freed only with
 * tact_text_free(). */
int pk_scalar_lasting(struct loader *ld, yaml_node_t *n, const char *what,
                      char **out);
int pk_string_list(struct loader *ld, yaml_node_t *n, const char *what,
                   char ***out, size_t *count);
int pk_is_key(const yaml_node_pair_t *p, struct loader *ld, const char *k);
int pk_severity(struct loader *ld, yaml_node_t *n, int *out);
int pk_valid_id(const char *id);
int pk_known_category(struct loader *ld, const char *name);
int pk_compile(struct loader *ld, yaml_node_t *n, const char *src,
               uint32_t options, pcre2_code **out);
/* A rule's pattern: its anchors, compiled anchored when it has some. */
int pk_rule_pattern(struct loader *ld, yaml_node_t *n, const char *src,
                    struct tact_pattern *p);
/* An exception or a coaching cue: compiled to run unanchored. */
int pk_unanchored(struct loader *ld, yaml_node_t *n, enum tact_prep_kind kind,
                  const char *src, struct tact_pattern *p);
int pk_patterns(struct loader *ld, yaml_node_t *n, struct tact_rule *r);
int pk_triggers(struct loader *ld, yaml_node_t *n, struct tact_rule *r);
int pk_examples(struct loader *ld, yaml_node_t *n, struct tact_rule *r);
int pk_unique_id(struct loader *ld, yaml_node_t *n, const char *id);
/* One field of a rule map (id, category, severity, messages, patterns...). */
int pk_rule_field(struct loader *ld, struct tact_rule *r, const char *key,
                  yaml_node_t *v);
/* Append a new empty rule to the pack's list. */
int pk_new_rule(struct loader *ld, struct tact_rule **out);
/* Parse an integer scalar within [lo, hi]. */
int pk_int(struct loader *ld, yaml_node_t *n, const char *what, long lo,
           long hi, long *out);

/* pack_coach.c */
int pk_vocabulary(struct loader *ld, yaml_node_t *n);
int pk_coaching(struct loader *ld, yaml_node_t *n);

#endif
