/*
 * pack_image.c: a built-in pack's YAML document, rebuilt from the nodes
 * libyaml gave when the library was built (lib/prepare.c), so that
 * building a checker parses no YAML.
 */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "pack.h"

static void node(yaml_node_t *out, const struct tact_yaml_node *in)
{
	out->type = (yaml_node_type_t)in->type;
	out->start_mark.line = in->line;
	out->end_mark.line = in->line;
	switch (out->type) {
	case YAML_SCALAR_NODE:
		out->data.scalar.value =
		        (yaml_char_t *)(uintptr_t)(tact_builtin_scalars + in->a);
		out->data.scalar.length = in->b;
		break;
	case YAML_SEQUENCE_NODE:
		out->data.sequence.items.start =
		        (yaml_node_item_t *)(uintptr_t)(tact_builtin_items + in->a);
		out->data.sequence.items.top = out->data.sequence.items.start + in->b;
		out->data.sequence.items.end = out->data.sequence.items.top;
		break;
	case YAML_MAPPING_NODE:
		out->data.mapping.pairs.start =
		        (yaml_node_pair_t *)(uintptr_t)(tact_builtin_pairs + in->a);
		out->data.mapping.pairs.top = out->data.mapping.pairs.start + in->b;
		out->data.mapping.pairs.end = out->data.mapping.pairs.top;
		break;
	default:
		break;
	}
}

int tact_text_lasting(const char *s)
{
	uintptr_t p = (uintptr_t)s, at = (uintptr_t)tact_builtin_scalars;
	uintptr_t pool = (uintptr_t)tact_prepared_pool;

	return (p >= at && p - at < tact_builtin_scalars_size) ||
	       (p >= pool && p - pool < tact_prepared_pool_size);
}

char *tact_text_dup(const char *s)
{
	if (!s || tact_text_lasting(s))
		return (char *)(uintptr_t)s;
	return tact_strdup(s);
}

void tact_text_free(char *s)
{
	if (!tact_text_lasting(s))
		free(s);
}

int pk_image_document(struct loader *ld, const struct tact_builtin_pack *bp)
{
	yaml_node_t *v = tact_calloc(bp->nnodes, sizeof *v);
	size_t k;

	if (!v)
		return TACT_ENOMEM;
	for (k = 0; k < bp->nnodes; k++)
		node(&v[k], &bp->nodes[k]);
	ld->doc.nodes.start = v;
	ld->doc.nodes.top = ld->doc.nodes.end = v + bp->nnodes;
	return TACT_OK;
}
