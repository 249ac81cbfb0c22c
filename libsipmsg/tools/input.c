/* SPDX-License-Identifier: MIT */
#include "input.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

uint8_t *input_slurp(FILE *f, size_t *len, int *err)
{
	size_t cap = 65536, n = 0;
	uint8_t *buf = malloc(cap);
	if (!buf) {
		*err = ENOMEM;
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			uint8_t *b = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
			if (!b) {
				free(buf);
				*err = ENOMEM;
				return NULL;
			}
			buf = b;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				*err = errno ? errno : EIO;
				free(buf);
				return NULL;
			}
			break;
		}
	}
	*len = n;
	return buf;
}

uint8_t *input_read(const char *path, size_t *len, char *why, size_t why_size)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		snprintf(why, why_size, "cannot open: %s", strerror(errno));
		return NULL;
	}
	int err = 0;
	errno = 0;
	uint8_t *data = input_slurp(f, len, &err);
	if (!is_stdin)
		fclose(f);
	if (!data)
		snprintf(why, why_size, "cannot read: %s", strerror(err));
	return data;
}

bool input_is_bare_sdp(const uint8_t *data, size_t len)
{
	return len >= 2 && data[0] == 'v' && data[1] == '=';
}
