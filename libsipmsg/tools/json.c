/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t json_utf8_len(const uint8_t *p, size_t n)
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
		size_t u = c >= 0x80 ? json_utf8_len(p + i, len - i) : 0;
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

bool json_is_utf8(const void *data, size_t len)
{
	const uint8_t *p = data;
	for (size_t i = 0; i < len;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t u = json_utf8_len(p + i, len - i);
		if (!u)
			return false;
		i += u;
	}
	return true;
}

void json_base64(FILE *out, const void *data, size_t len)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const uint8_t *p = data;
	putc('"', out);
	size_t i = 0;
	for (; i + 3 <= len; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], b64[(v >> 6) & 63], b64[v & 63]};
		fwrite(q, 1, 4, out);
	}
	if (len - i == 1) {
		uint32_t v = (uint32_t)p[i] << 16;
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], '=', '='};
		fwrite(q, 1, 4, out);
	} else if (len - i == 2) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], b64[(v >> 6) & 63], '='};
		fwrite(q, 1, 4, out);
	}
	putc('"', out);
}

/* ---- the document writer ---- */

void jw_init(struct jw *w, FILE *out, bool pretty)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->pretty = pretty;
}

static void newline(struct jw *w)
{
	if (!w->pretty)
		return;
	putc('\n', w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->out);
}

/* Before any value or key: the comma and line break its container needs. */
static void before_item(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->has_items[w->depth])
		putc(',', w->out);
	w->has_items[w->depth] = true;
	newline(w);
}

static void open_container(struct jw *w, char c)
{
	before_item(w);
	putc(c, w->out);
	assert(w->depth + 1 < JW_MAX_DEPTH);
	w->depth++;
	w->has_items[w->depth] = false;
}

static void close_container(struct jw *w, char c)
{
	assert(w->depth > 0);
	bool items = w->has_items[w->depth];
	w->depth--;
	if (items)
		newline(w);
	putc(c, w->out);
}

void jw_object(struct jw *w) { open_container(w, '{'); }
void jw_end_object(struct jw *w) { close_container(w, '}'); }
void jw_array(struct jw *w) { open_container(w, '['); }
void jw_end_array(struct jw *w) { close_container(w, ']'); }

void jw_key(struct jw *w, const char *key)
{
	before_item(w);
	json_cstring(w->out, key);
	fputs(w->pretty ? ": " : ":", w->out);
	w->after_key = true;
}

void jw_null(struct jw *w)
{
	before_item(w);
	fputs("null", w->out);
}

void jw_bool(struct jw *w, bool v)
{
	before_item(w);
	fputs(v ? "true" : "false", w->out);
}

void jw_int(struct jw *w, int64_t v)
{
	before_item(w);
	fprintf(w->out, "%lld", (long long)v);
}

void jw_uint(struct jw *w, uint64_t v)
{
	before_item(w);
	fprintf(w->out, "%llu", (unsigned long long)v);
}

/* The shortest of %.15g and %.17g that reads back as v (0.1, not
 * 0.10000000000000001). JSON has no NaN or infinity: they are written as null. */
void jw_double(struct jw *w, double v)
{
	before_item(w);
	if (!isfinite(v)) {
		fputs("null", w->out);
		return;
	}
	char buf[32];
	snprintf(buf, sizeof buf, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof buf, "%.17g", v);
	fputs(buf, w->out);
}

void jw_str(struct jw *w, const void *data, size_t len)
{
	before_item(w);
	json_string(w->out, data, len);
}

void jw_cstr(struct jw *w, const char *s)
{
	before_item(w);
	json_cstring(w->out, s);
}

void jw_slice(struct jw *w, sipmsg_slice s)
{
	if (!s.ptr)
		jw_null(w);
	else
		jw_str(w, s.ptr, s.len);
}

void jw_base64(struct jw *w, const void *data, size_t len)
{
	before_item(w);
	json_base64(w->out, data, len);
}

bool jw_finish(struct jw *w)
{
	putc('\n', w->out);
	return fflush(w->out) == 0 && !ferror(w->out);
}

void jw_kstr(struct jw *w, const char *key, const void *data, size_t len) { jw_key(w, key); jw_str(w, data, len); }
void jw_kcstr(struct jw *w, const char *key, const char *s) { jw_key(w, key); jw_cstr(w, s); }
void jw_kslice(struct jw *w, const char *key, sipmsg_slice s) { jw_key(w, key); jw_slice(w, s); }
void jw_kint(struct jw *w, const char *key, int64_t v) { jw_key(w, key); jw_int(w, v); }
void jw_kuint(struct jw *w, const char *key, uint64_t v) { jw_key(w, key); jw_uint(w, v); }
void jw_kbool(struct jw *w, const char *key, bool v) { jw_key(w, key); jw_bool(w, v); }
void jw_knull(struct jw *w, const char *key) { jw_key(w, key); jw_null(w); }

void jw_kwire(struct jw *w, const char *key, const void *data, size_t len)
{
	jw_kstr(w, key, data, len);
	if (!json_is_utf8(data, len)) {
		char k[64];
		snprintf(k, sizeof k, "%s_base64", key);
		jw_key(w, k);
		jw_base64(w, data, len);
	}
}
