/*
 * wordindex.c: a build-time tool that writes detect_index.h, a perfect
 * hash index of the words in detect_words.h: every word has a slot of its
 * own, so detect.c finds a word, or knows it is not there, with one probe.
 *
 * usage: wordindex OUTPUT.h
 */
#include <stdio.h>
#include <string.h>

#include "detect_words.h"

#define NWORDS (sizeof common_words / sizeof common_words[0])
#define MAX_BITS 16
#define TRIES 200000

static uint64_t keys[NWORDS][3];
static unsigned short slot_of[1u << MAX_BITS];

/* splitmix64: the same multipliers on every build. */
static uint64_t next_mul(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return (z ^ (z >> 31)) | 1;
}

static int make_keys(void)
{
	size_t k, j;

	for (k = 1; k < NWORDS; k++) {
		const struct common_word *cw = &common_words[k];
		const char *w = cw->word;
		size_t n = word_len(cw);
		unsigned char pad[WORD_KEY_BYTES] = { 0 };

		if (n == 0 || n > WORD_KEY_BYTES || cw->langs == 0) {
			fprintf(stderr, "wordindex: entry %zu is empty, has no "
			        "language or is over %d bytes\n", k,
			        WORD_KEY_BYTES);
			return 1;
		}
		memcpy(pad, w, n);
		for (j = 0; j < 3; j++)
			keys[k][j] = tact_load64le(pad + 8 * j);
		for (j = 1; j < k; j++)
			if (!memcmp(keys[j], keys[k], sizeof keys[k])) {
				fprintf(stderr, "wordindex: '%.*s' twice\n",
				        (int)n, w);
				return 1;
			}
	}
	return 0;
}

/* 1 when mul gives every word a slot of its own among 2^bits. */
static int places_all(uint64_t mul, unsigned bits)
{
	size_t k;

	memset(slot_of, 0, sizeof slot_of[0] << bits);
	for (k = 1; k < NWORDS; k++) {
		unsigned h = word_hash(keys[k], mul, bits);

		if (slot_of[h])
			return 0;
		slot_of[h] = (unsigned short)k;
	}
	return 1;
}

static int emit(const char *path, uint64_t mul, unsigned bits)
{
	FILE *out = fopen(path, "w");
	size_t h;

	if (!out) {
		perror(path);
		return 1;
	}
	fprintf(out, "/* detect_index.h: written by wordindex.c from "
	             "detect_words.h. */\n");
	fprintf(out, "#define WORD_HASH_MUL UINT64_C(0x%016llx)\n",
	        (unsigned long long)mul);
	fprintf(out, "#define WORD_HASH_BITS %u\n\n", bits);
	fprintf(out, "static const %s word_index[%u] = {",
	        NWORDS < 256 ? "unsigned char" : "unsigned short", 1u << bits);
	for (h = 0; h < (1u << bits); h++)
		fprintf(out, "%s%u,", h % 16 ? " " : "\n\t", slot_of[h]);
	fprintf(out, "\n};\n");
	return fclose(out) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	uint64_t state = 42;
	unsigned bits;
	long t;

	if (argc != 2) {
		fprintf(stderr, "usage: wordindex OUTPUT.h\n");
		return 2;
	}
	if (NWORDS >= 65536 || make_keys())
		return 1;
	for (bits = 4; bits <= MAX_BITS; bits++) {
		if ((1u << bits) < NWORDS)
			continue;
		for (t = 0; t < TRIES; t++) {
			uint64_t mul = next_mul(&state);

			if (places_all(mul, bits))
				return emit(argv[1], mul, bits);
		}
	}
	fprintf(stderr, "wordindex: no perfect hash found\n");
	return 1;
}
