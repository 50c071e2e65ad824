/*
 * block.h: text tested sixteen bytes at a time, where the machine has
 * SSE2 (every x86-64). TACT_HAVE_BLOCKS says whether it does; the code
 * that uses blocks keeps a loop over bytes for the rest of the text and
 * for other machines, so the two give the same answers.
 */
#ifndef TACT_BLOCK_H
#define TACT_BLOCK_H

#if defined(__SSE2__)
#include <emmintrin.h>

#define TACT_HAVE_BLOCKS 1

typedef __m128i tact_block;

/* The sixteen bytes at p (no alignment needed). */
static inline tact_block tact_block_load(const void *p)
{
	return _mm_loadu_si128((const __m128i *)p);
}

/* A mask of the bytes of b from lo to hi (lo <= hi). */
static inline unsigned tact_block_range(tact_block b, unsigned char lo,
                                        unsigned char hi)
{
	__m128i d = _mm_sub_epi8(b, _mm_set1_epi8((char)lo));
	__m128i in = _mm_cmpeq_epi8(_mm_min_epu8(d,
	                            _mm_set1_epi8((char)(hi - lo))), d);

	return (unsigned)_mm_movemask_epi8(in);
}

/* A mask of the bytes of b from 0x80 up. */
static inline unsigned tact_block_high(tact_block b)
{
	return (unsigned)_mm_movemask_epi8(b);
}

/* The bytes of b equal to c, as a block of 0xFF and 0 bytes. */
static inline tact_block tact_block_cmpeq(tact_block b, unsigned char c)
{
	return _mm_cmpeq_epi8(b, _mm_set1_epi8((char)c));
}

/* A mask of the bytes of b equal to c: bit k for byte k. */
static inline unsigned tact_block_eq(tact_block b, unsigned char c)
{
	return tact_block_high(tact_block_cmpeq(b, c));
}

static inline tact_block tact_block_or(tact_block a, tact_block b)
{
	return _mm_or_si128(a, b);
}

static inline tact_block tact_block_and(tact_block a, tact_block b)
{
	return _mm_and_si128(a, b);
}

/* b with 0x20 set in every byte: ASCII letters in lower case. */
static inline tact_block tact_block_lower(tact_block b)
{
	return _mm_or_si128(b, _mm_set1_epi8(0x20));
}

static inline tact_block tact_block_zero(void)
{
	return _mm_setzero_si128();
}

/* Is any byte of b 0x80 or more? */
static inline int tact_block_any(tact_block b)
{
	return tact_block_high(b) != 0;
}

/* The index of the lowest bit set in m (m != 0). */
static inline unsigned tact_block_first(unsigned m)
{
	return (unsigned)__builtin_ctz(m);
}

#else
#define TACT_HAVE_BLOCKS 0
#endif

#endif
