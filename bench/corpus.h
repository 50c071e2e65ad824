/*
 * corpus.h: a deterministic generator of realistic agent messages in ru,
 * ro, kk and en, for benchmarks.
 */
#ifndef TACT_BENCH_CORPUS_H
#define TACT_BENCH_CORPUS_H

#include <stddef.h>
#include <stdint.h>

struct corpus {
	char *text;          /* all messages, each ending in '\n' */
	size_t len;
	size_t *starts;      /* start offset of each message */
	size_t count;
};

/* Generate messages until about `bytes` bytes, from seed. Returns 0 or -1
 * when out of memory. */
int corpus_generate(struct corpus *c, size_t bytes, uint64_t seed);
void corpus_free(struct corpus *c);

/* Where message k (< c->count) ends: where the next starts. */
static inline size_t corpus_end(const struct corpus *c, size_t k)
{
	return k + 1 < c->count ? c->starts[k + 1] : c->len;
}

#endif
