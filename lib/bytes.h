/*
 * bytes.h: text read eight bytes at a time, in the same order on every
 * machine, and the constants that test them. It stands alone, so that
 * the build tools can include it too.
 */
#ifndef TACT_BYTES_H
#define TACT_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Eight copies of byte b, for the code that tests eight bytes at once. */
#define TACT_BYTES(b) (UINT64_C(0x0101010101010101) * (b))

/* How many bytes of x are 1 (x holds only 0 and 1 bytes). */
static inline unsigned tact_count_ones(uint64_t x)
{
	return (unsigned)((x * TACT_BYTES(1)) >> 56);
}

/* How many bytes of m come before the first with its top bit set (m != 0
 * has only top bits set, as the tests of eight bytes at once leave them;
 * bytes in tact_load64le() order). */
static inline size_t tact_bytes_before(uint64_t m)
{
#if defined(__GNUC__)
	return (size_t)__builtin_ctzll(m) >> 3;
#else
	return tact_count_ones((((m & (0 - m)) - 1) & TACT_BYTES(0x80)) >> 7);
#endif
}

/* The eight bytes at s as a little-endian number: s[0] in the low bits. */
static inline uint64_t tact_load64le(const unsigned char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x;

	memcpy(&x, s, sizeof x);
	return x;
#else
	uint64_t x = 0;
	int k;

	for (k = 7; k >= 0; k--)
		x = x << 8 | s[k];
	return x;
#endif
}

#endif
