/* SPDX-License-Identifier: MIT */
/* Recursive descent over RFC 8259 JSON; strings decoded to UTF-8. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

struct jp {
	const char *p, *end, *start;
	bool bad;
};

static void ws(struct jp *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static struct json *node(enum json_type t)
{
	struct json *j = calloc(1, sizeof *j);
	if (j)
		j->type = t;
	return j;
}

static void push(struct json *j, struct json *item, char *key)
{
	j->items = realloc(j->items, (j->count + 1) * sizeof *j->items);
	if (j->type == JSON_OBJECT)
		j->keys = realloc(j->keys, (j->count + 1) * sizeof *j->keys);
	j->items[j->count] = item;
	if (j->type == JSON_OBJECT)
		j->keys[j->count] = key;
	j->count++;
}

static int hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void utf8(char *out, size_t *n, unsigned cp)
{
	if (cp < 0x80) {
		out[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*n)++] = (char)(0xc0 | cp >> 6);
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*n)++] = (char)(0xe0 | cp >> 12);
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*n)++] = (char)(0xf0 | cp >> 18);
		out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
}

static char *string(struct jp *s, size_t *len)
{
	s->p++; /* the opening quote */
	char *out = malloc((size_t)(s->end - s->p) + 1);
	size_t n = 0;
	while (s->p < s->end && *s->p != '"') {
		char c = *s->p++;
		if (c != '\\') {
			out[n++] = c;
			continue;
		}
		if (s->p >= s->end)
			break;
		c = *s->p++;
		switch (c) {
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'u': {
			unsigned cp = 0;
			for (int i = 0; i < 4; i++) {
				int h = s->p < s->end ? hexv(*s->p++) : -1;
				if (h < 0) {
					s->bad = true;
					free(out);
					return NULL;
				}
				cp = cp * 16 + (unsigned)h;
			}
			if (cp >= 0xd800 && cp < 0xdc00 && s->end - s->p >= 6 && s->p[0] == '\\' && s->p[1] == 'u') {
				unsigned lo = 0;
				for (int i = 2; i < 6; i++)
					lo = lo * 16 + (unsigned)hexv(s->p[i]);
				s->p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			utf8(out, &n, cp);
			break;
		}
		default: out[n++] = c; break;
		}
	}
	if (s->p >= s->end) {
		s->bad = true;
		free(out);
		return NULL;
	}
	s->p++;
	out[n] = '\0';
	*len = n;
	return out;
}

static struct json *value(struct jp *s, int depth)
{
	ws(s);
	if (s->p >= s->end || depth > 64) {
		s->bad = true;
		return NULL;
	}
	char c = *s->p;
	struct json *j = NULL;
	if (c == '{' || c == '[') {
		bool obj = c == '{';
		j = node(obj ? JSON_OBJECT : JSON_ARRAY);
		s->p++;
		ws(s);
		if (s->p < s->end && *s->p == (obj ? '}' : ']')) {
			s->p++;
			return j;
		}
		for (;;) {
			char *key = NULL;
			size_t kl;
			if (obj) {
				ws(s);
				if (s->p >= s->end || *s->p != '"' || !(key = string(s, &kl))) {
					s->bad = true;
					return j;
				}
				ws(s);
				if (s->p >= s->end || *s->p++ != ':') {
					free(key);
					s->bad = true;
					return j;
				}
			}
			struct json *v = value(s, depth + 1);
			push(j, v, key);
			if (s->bad)
				return j;
			ws(s);
			if (s->p < s->end && *s->p == ',') {
				s->p++;
				continue;
			}
			if (s->p < s->end && *s->p == (obj ? '}' : ']')) {
				s->p++;
				return j;
			}
			s->bad = true;
			return j;
		}
	}
	if (c == '"') {
		j = node(JSON_STRING);
		j->text = string(s, &j->len);
		return j;
	}
	if (s->end - s->p >= 4 && memcmp(s->p, "null", 4) == 0) {
		s->p += 4;
		return node(JSON_NULL);
	}
	if (s->end - s->p >= 4 && memcmp(s->p, "true", 4) == 0) {
		s->p += 4;
		j = node(JSON_BOOL);
		j->boolean = true;
		return j;
	}
	if (s->end - s->p >= 5 && memcmp(s->p, "false", 5) == 0) {
		s->p += 5;
		return node(JSON_BOOL);
	}
	const char *b = s->p;
	while (s->p < s->end && strchr("+-0123456789.eE", *s->p))
		s->p++;
	if (s->p == b) {
		s->bad = true;
		return NULL;
	}
	j = node(JSON_NUMBER);
	j->len = (size_t)(s->p - b);
	j->text = malloc(j->len + 1);
	memcpy(j->text, b, j->len);
	j->text[j->len] = '\0';
	return j;
}

struct json *json_parse(const char *text, size_t len, size_t *err)
{
	struct jp s = {text, text + len, text, false};
	struct json *j = value(&s, 0);
	ws(&s);
	if (s.bad || s.p != s.end) {
		if (err)
			*err = (size_t)(s.p - text);
		json_free(j);
		return NULL;
	}
	return j;
}

void json_free(struct json *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->count; i++) {
		json_free(j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->text);
	free(j);
}

const struct json *json_get(const struct json *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->count; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}
