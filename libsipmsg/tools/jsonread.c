/* SPDX-License-Identifier: MIT */
#include "jsonread.h"
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tree lives in a chain of blocks, released at once. */
struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct reader {
	const char *s;
	size_t len, pos;
	int depth;
	struct jdoc *doc;
	struct jerror *err;
	bool failed;
};

static void *alloc(struct reader *r, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	struct block *b = r->doc->blocks;
	if (!b || b->size - b->used < n) {
		size_t size = n > 65536 ? n : 65536;
		b = malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->next = r->doc->blocks;
		b->used = 0;
		b->size = size;
		r->doc->blocks = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

void jdoc_free(struct jdoc *doc)
{
	struct block *b = doc->blocks;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	doc->blocks = NULL;
}

void jpos(const char *text, size_t len, size_t offset, unsigned *line, unsigned *column)
{
	unsigned l = 1;
	size_t start = 0;
	for (size_t i = 0; i < offset && i < len; i++)
		if (text[i] == '\n') {
			l++;
			start = i + 1;
		}
	*line = l;
	*column = (unsigned)(offset - start + 1);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static bool fail(struct reader *r, size_t at, const char *fmt, ...)
{
	if (r->failed)
		return false;
	r->failed = true;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err->message, sizeof r->err->message, fmt, ap);
	va_end(ap);
	r->err->offset = at;
	jpos(r->s, r->len, at, &r->err->line, &r->err->column);
	return false;
}

static bool oom(struct reader *r)
{
	return fail(r, r->pos, "out of memory");
}

/* A printable description of the byte at pos, for error messages. */
static const char *what_is(struct reader *r, char *buf, size_t size)
{
	if (r->pos >= r->len)
		return "the end of the input";
	unsigned char c = (unsigned char)r->s[r->pos];
	if (c >= 0x21 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, "byte 0x%02x", c);
	return buf;
}

static void skip_ws(struct reader *r)
{
	while (r->pos < r->len) {
		char c = r->s[r->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		r->pos++;
	}
}

static bool value(struct reader *r, struct jval *out);

static bool literal(struct reader *r, const char *word, struct jval *out, enum jtype t, bool b)
{
	size_t n = strlen(word);
	if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n) != 0)
		return fail(r, r->pos, "invalid literal: expected %s", word);
	out->type = t;
	out->boolean = b;
	r->pos += n;
	return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool number(struct reader *r, struct jval *out)
{
	size_t start = r->pos;
	const char *s = r->s;
	if (r->pos < r->len && s[r->pos] == '-')
		r->pos++;
	if (r->pos >= r->len || !is_digit(s[r->pos]))
		return fail(r, r->pos, "invalid number: a digit must follow '-'");
	if (s[r->pos] == '0') {
		r->pos++;
		if (r->pos < r->len && is_digit(s[r->pos]))
			return fail(r, r->pos, "invalid number: no leading zeros");
	} else {
		while (r->pos < r->len && is_digit(s[r->pos]))
			r->pos++;
	}
	if (r->pos < r->len && s[r->pos] == '.') {
		r->pos++;
		if (r->pos >= r->len || !is_digit(s[r->pos]))
			return fail(r, r->pos, "invalid number: a digit must follow '.'");
		while (r->pos < r->len && is_digit(s[r->pos]))
			r->pos++;
	}
	if (r->pos < r->len && (s[r->pos] == 'e' || s[r->pos] == 'E')) {
		r->pos++;
		if (r->pos < r->len && (s[r->pos] == '+' || s[r->pos] == '-'))
			r->pos++;
		if (r->pos >= r->len || !is_digit(s[r->pos]))
			return fail(r, r->pos, "invalid number: a digit must follow the exponent");
		while (r->pos < r->len && is_digit(s[r->pos]))
			r->pos++;
	}
	out->type = J_NUMBER;
	out->str = s + start;
	out->len = r->pos - start;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at pos (after "\u"). */
static bool hex4(struct reader *r, uint32_t *out)
{
	if (r->len - r->pos < 4)
		return fail(r, r->pos, "invalid \\u escape: four hex digits needed");
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(r->s[r->pos + (size_t)i]);
		if (h < 0)
			return fail(r, r->pos + (size_t)i, "invalid \\u escape: four hex digits needed");
		v = v << 4 | (uint32_t)h;
	}
	r->pos += 4;
	*out = v;
	return true;
}

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static bool string(struct reader *r, struct jval *out)
{
	size_t start = r->pos++; /* the opening quote */
	/* the decoded string is never longer than its JSON form */
	size_t end = r->pos;
	while (end < r->len && r->s[end] != '"')
		end += r->s[end] == '\\' ? 2 : 1;
	char *o = alloc(r, (end > r->len ? r->len : end) - start + 1);
	if (!o)
		return oom(r);
	size_t n = 0;
	for (;;) {
		if (r->pos >= r->len)
			return fail(r, start, "unterminated string");
		unsigned char c = (unsigned char)r->s[r->pos];
		if (c == '"') {
			r->pos++;
			break;
		}
		if (c < 0x20)
			return fail(r, r->pos, "control character 0x%02x in a string: it must be escaped", c);
		if (c >= 0x80) {
			size_t u = json_utf8_len((const uint8_t *)r->s + r->pos, r->len - r->pos);
			if (!u)
				return fail(r, r->pos, "invalid UTF-8 in a string (byte 0x%02x)", c);
			memcpy(o + n, r->s + r->pos, u);
			n += u;
			r->pos += u;
			continue;
		}
		if (c != '\\') {
			o[n++] = (char)c;
			r->pos++;
			continue;
		}
		size_t esc = r->pos++;
		if (r->pos >= r->len)
			return fail(r, start, "unterminated string");
		char e = r->s[r->pos++];
		switch (e) {
		case '"': o[n++] = '"'; break;
		case '\\': o[n++] = '\\'; break;
		case '/': o[n++] = '/'; break;
		case 'b': o[n++] = '\b'; break;
		case 'f': o[n++] = '\f'; break;
		case 'n': o[n++] = '\n'; break;
		case 'r': o[n++] = '\r'; break;
		case 't': o[n++] = '\t'; break;
		case 'u': {
			uint32_t cp;
			if (!hex4(r, &cp))
				return false;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return fail(r, esc, "invalid \\u escape: a low surrogate without a high one");
			if (cp >= 0xd800 && cp <= 0xdbff) {
				uint32_t lo;
				if (r->len - r->pos < 2 || r->s[r->pos] != '\\' || r->s[r->pos + 1] != 'u')
					return fail(r, esc, "invalid \\u escape: a high surrogate without a low one");
				r->pos += 2;
				if (!hex4(r, &lo))
					return false;
				if (lo < 0xdc00 || lo > 0xdfff)
					return fail(r, esc, "invalid \\u escape: a high surrogate without a low one");
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			n += put_utf8(o + n, cp);
			break;
		}
		default:
			return fail(r, esc, "invalid escape '\\%c' in a string", e >= 0x21 && e < 0x7f ? e : '?');
		}
	}
	o[n] = '\0';
	out->type = J_STRING;
	out->str = o;
	out->len = n;
	return true;
}

/* Elements or members are gathered in a growing array, then moved into the
 * document's memory. */
struct vec {
	struct jval *v;
	size_t n, cap;
};

static bool vec_push(struct vec *v, const struct jval *x)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		struct jval *p = realloc(v->v, cap * sizeof *p);
		if (!p)
			return false;
		v->v = p;
		v->cap = cap;
	}
	v->v[v->n++] = *x;
	return true;
}

static struct jval *vec_keep(struct reader *r, struct vec *v)
{
	struct jval *p = v->n ? alloc(r, v->n * sizeof *p) : NULL;
	if (p)
		memcpy(p, v->v, v->n * sizeof *p);
	return p;
}

static bool array(struct reader *r, struct jval *out)
{
	size_t start = r->pos++;
	struct vec items = {0};
	bool ok = false;
	skip_ws(r);
	if (r->pos < r->len && r->s[r->pos] == ']') {
		r->pos++;
		ok = true;
		goto done;
	}
	for (;;) {
		struct jval item;
		if (!value(r, &item))
			goto done;
		if (!vec_push(&items, &item)) {
			oom(r);
			goto done;
		}
		skip_ws(r);
		char buf[16];
		if (r->pos < r->len && r->s[r->pos] == ',') {
			r->pos++;
			skip_ws(r);
			if (r->pos < r->len && r->s[r->pos] == ']') {
				fail(r, r->pos, "trailing comma before ']'");
				goto done;
			}
			continue;
		}
		if (r->pos < r->len && r->s[r->pos] == ']') {
			r->pos++;
			ok = true;
			break;
		}
		if (r->pos >= r->len)
			fail(r, start, "unterminated array: no ']' for the '[' here");
		else
			fail(r, r->pos, "expected ',' or ']' in an array, found %s", what_is(r, buf, sizeof buf));
		goto done;
	}
done:
	if (ok) {
		out->type = J_ARRAY;
		out->count = items.n;
		out->items = vec_keep(r, &items);
		if (items.n && !out->items)
			ok = oom(r);
	}
	free(items.v);
	return ok;
}

static int key_order(const void *a, const void *b)
{
	const struct jval *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->str, y->str, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Member names must be unique; sorting a copy keeps a large object from
 * costing a quadratic comparison. */
static bool unique_keys(struct reader *r, const struct vec *keys)
{
	if (keys->n < 2)
		return true;
	struct jval *sorted = malloc(keys->n * sizeof *sorted);
	if (!sorted)
		return oom(r);
	memcpy(sorted, keys->v, keys->n * sizeof *sorted);
	qsort(sorted, keys->n, sizeof *sorted, key_order);
	bool ok = true;
	for (size_t i = 1; i < keys->n && ok; i++)
		if (sorted[i].len == sorted[i - 1].len && memcmp(sorted[i].str, sorted[i - 1].str, sorted[i].len) == 0)
			ok = fail(r, sorted[i].offset, "duplicate member name \"%.40s\" in an object", sorted[i].str);
	free(sorted);
	return ok;
}

static bool object(struct reader *r, struct jval *out)
{
	size_t start = r->pos++;
	struct vec keys = {0}, vals = {0};
	bool ok = false;
	char buf[16];
	skip_ws(r);
	if (r->pos < r->len && r->s[r->pos] == '}') {
		r->pos++;
		ok = true;
		goto done;
	}
	for (;;) {
		if (r->pos >= r->len) {
			fail(r, start, "unterminated object: no '}' for the '{' here");
			goto done;
		}
		if (r->s[r->pos] != '"') {
			fail(r, r->pos, "expected a string as the member name, found %s", what_is(r, buf, sizeof buf));
			goto done;
		}
		struct jval key = {.offset = r->pos};
		if (!string(r, &key))
			goto done;
		skip_ws(r);
		if (r->pos >= r->len || r->s[r->pos] != ':') {
			fail(r, r->pos, "expected ':' after a member name, found %s", what_is(r, buf, sizeof buf));
			goto done;
		}
		r->pos++;
		struct jval val;
		if (!value(r, &val))
			goto done;
		if (!vec_push(&keys, &key) || !vec_push(&vals, &val)) {
			oom(r);
			goto done;
		}
		skip_ws(r);
		if (r->pos < r->len && r->s[r->pos] == ',') {
			r->pos++;
			skip_ws(r);
			if (r->pos < r->len && r->s[r->pos] == '}') {
				fail(r, r->pos, "trailing comma before '}'");
				goto done;
			}
			continue;
		}
		if (r->pos < r->len && r->s[r->pos] == '}') {
			r->pos++;
			ok = true;
			break;
		}
		if (r->pos >= r->len)
			fail(r, start, "unterminated object: no '}' for the '{' here");
		else
			fail(r, r->pos, "expected ',' or '}' in an object, found %s", what_is(r, buf, sizeof buf));
		goto done;
	}
done:
	if (ok)
		ok = unique_keys(r, &keys);
	if (ok) {
		out->type = J_OBJECT;
		out->count = vals.n;
		out->items = vec_keep(r, &vals);
		out->keys = vec_keep(r, &keys);
		if (vals.n && (!out->items || !out->keys))
			ok = oom(r);
	}
	free(keys.v);
	free(vals.v);
	return ok;
}

static bool value(struct reader *r, struct jval *out)
{
	memset(out, 0, sizeof *out);
	skip_ws(r);
	out->offset = r->pos;
	if (r->pos >= r->len)
		return fail(r, r->pos, "unexpected end of the input: expected a value");
	char c = r->s[r->pos];
	char buf[16];
	switch (c) {
	case '{':
	case '[': {
		if (r->depth == JSON_MAX_DEPTH)
			return fail(r, r->pos, "nesting deeper than %d levels", JSON_MAX_DEPTH);
		r->depth++;
		bool ok = c == '{' ? object(r, out) : array(r, out);
		r->depth--;
		return ok;
	}
	case '"': return string(r, out);
	case 't': return literal(r, "true", out, J_BOOL, true);
	case 'f': return literal(r, "false", out, J_BOOL, false);
	case 'n': return literal(r, "null", out, J_NULL, false);
	default:
		if (c == '-' || is_digit(c))
			return number(r, out);
		return fail(r, r->pos, "expected a value, found %s", what_is(r, buf, sizeof buf));
	}
}

bool jdoc_parse(struct jdoc *doc, const char *text, size_t len, struct jerror *err)
{
	memset(doc, 0, sizeof *doc);
	struct reader r = {.s = text, .len = len, .doc = doc, .err = err};
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		return fail(&r, 0, "a byte order mark is not allowed (RFC 8259 §8.1)");
	if (!value(&r, &doc->root))
		return false;
	skip_ws(&r);
	char buf[16];
	if (r.pos < len)
		return fail(&r, r.pos, "unexpected %s after the JSON value", what_is(&r, buf, sizeof buf));
	return true;
}

const struct jval *jobj_get(const struct jval *obj, const char *key)
{
	if (!obj || obj->type != J_OBJECT)
		return NULL;
	size_t n = strlen(key);
	for (size_t i = 0; i < obj->count; i++)
		if (obj->keys[i].len == n && memcmp(obj->keys[i].str, key, n) == 0)
			return &obj->items[i];
	return NULL;
}

const char *jtype_name(enum jtype t)
{
	switch (t) {
	case J_NULL: return "null";
	case J_BOOL: return "a boolean";
	case J_NUMBER: return "a number";
	case J_STRING: return "a string";
	case J_ARRAY: return "an array";
	default: return "an object";
	}
}
