/*
 * alloc.c: allocation helpers and the growable byte buffer.
 *
 * Every allocation of the library goes through here, so a test can make any
 * of them fail (see tests/).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *tact_malloc(size_t n)
{
	return malloc(n ? n : 1);
}

void *tact_calloc(size_t count, size_t size)
{
	if (count == 0 || size == 0)
		count = size = 1;
	return calloc(count, size);
}

void *tact_realloc(void *p, size_t n)
{
	return realloc(p, n ? n : 1);
}

char *tact_strndup(const char *s, size_t n)
{
	char *d = tact_malloc(n + 1);

	if (!d)
		return NULL;
	if (n)
		memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *tact_strdup(const char *s)
{
	return s ? tact_strndup(s, strlen(s)) : NULL;
}

int tact_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return TACT_OK;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem)
			return TACT_ENOMEM;
		ncap *= 2;
	}
	p = tact_realloc(*arr, ncap * elem);
	if (!p)
		return TACT_ENOMEM;
	*arr = p;
	*cap = ncap;
	return TACT_OK;
}

int tact_buf_reserve(struct tact_buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		return TACT_ENOMEM;
	return tact_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

int tact_buf_append(struct tact_buf *b, const char *s, size_t n)
{
	if (tact_buf_reserve(b, n))
		return TACT_ENOMEM;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return TACT_OK;
}

int tact_buf_putc(struct tact_buf *b, char c)
{
	return tact_buf_append(b, &c, 1);
}

void tact_buf_free(struct tact_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void tact_free(void *ptr)
{
	free(ptr);
}
