/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <stdint.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p[0..n) (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_len(const uint8_t *p, size_t n)
{
	uint8_t c = p[0];
	size_t len;
	uint8_t lo = 0x80, hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

void json_string(FILE *out, const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const uint8_t *p = data;
	putc('"', out);
	size_t i = 0;
	while (i < len) {
		size_t run = i; /* copy plain ASCII runs in one go */
		while (run < len && p[run] >= 0x20 && p[run] < 0x7f && p[run] != '"' && p[run] != '\\')
			run++;
		if (run > i) {
			fwrite(p + i, 1, run - i, out);
			i = run;
			continue;
		}
		uint8_t c = p[i];
		switch (c) {
		case '"': fputs("\\\"", out); i++; continue;
		case '\\': fputs("\\\\", out); i++; continue;
		case '\n': fputs("\\n", out); i++; continue;
		case '\r': fputs("\\r", out); i++; continue;
		case '\t': fputs("\\t", out); i++; continue;
		default: break;
		}
		size_t u = c >= 0x80 ? utf8_len(p + i, len - i) : 0;
		if (u) {
			fwrite(p + i, 1, u, out);
			i += u;
			continue;
		}
		char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
		fputs(esc, out);
		i++;
	}
	putc('"', out);
}

void json_cstring(FILE *out, const char *s)
{
	if (!s)
		fputs("null", out);
	else
		json_string(out, s, strlen(s));
}
