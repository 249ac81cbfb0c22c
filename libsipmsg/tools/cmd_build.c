/* SPDX-License-Identifier: MIT */
/* `sipmsg build FILE|-`: the JSON that `sipmsg parse` prints, back to wire
 * bytes. Only the fields that define the bytes are read (docs/json.md): the
 * start line, each header's name and value, the body; for a bare SDP its
 * lines and line end. Typed views, diagnostics, offsets and the SDP and
 * multipart views of a body are informative and ignored, so an edit goes in
 * the raw fields. Each line is written in canonical form ("Name: value"
 * CRLF), so a canonical message comes back byte for byte and any other
 * parses equal. */
#include "commands.h"
#include "input.h"
#include "jsonread.h"

#include <sipmsg/sipmsg.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char build_usage[] =
	"usage: sipmsg build FILE|-\n"
	"\n"
	"Read the JSON that `sipmsg parse` prints (FILE, or - for standard input)\n"
	"and write the message's wire bytes to standard output. Used: type, the\n"
	"start line (method, uri, version / version, status, reason), each\n"
	"header's name and value, and the body (encoding and content); for a bare\n"
	"SDP (type \"sdp\"): line_end and each line's raw text. A field's exact\n"
	"bytes may be given in FIELD_base64 instead. Everything else (typed views,\n"
	"diagnostics, offsets, the sdp and multipart views of a body) is\n"
	"informative and ignored; Content-Length is written as given.\n"
	"\n"
	"  -h, --help  this text\n"
	"\n"
	"Exit status: 0 built; 1 built, but the bytes do not parse back (the reason\n"
	"is on standard error); 2 usage or I/O error, malformed JSON (with its line\n"
	"and column), or JSON that does not describe a message.\n";

/* The bytes being built. */
struct out {
	char *buf;
	size_t len, cap;
	bool oom;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (o->oom || n == 0)
		return;
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n)
			cap *= 2;
		char *b = realloc(o->buf, cap);
		if (!b) {
			o->oom = true;
			return;
		}
		o->buf = b;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static void puts_(struct out *o, const char *s) { put(o, s, strlen(s)); }

struct build {
	const char *path;
	const char *text; /* the JSON */
	size_t text_len;
	struct out out;
	bool failed;
};

/* "PATH: what (line L, column C)", once. Returns false. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static bool bad(struct build *b, const struct jval *at, const char *where, const char *fmt, ...)
{
	if (b->failed)
		return false;
	b->failed = true;
	char what[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	unsigned line, col;
	jpos(b->text, b->text_len, at->offset, &line, &col);
	fprintf(stderr, "sipmsg build: %s: %s%s%s (line %u, column %u)\n", b->path, where, where[0] ? ": " : "", what,
		line, col);
	return false;
}

/* The member `key` of obj, which must be of type want; NULL (after saying
 * why) when it is missing or of another type. */
static const struct jval *need(struct build *b, const struct jval *obj, const char *where, const char *key,
			       enum jtype want)
{
	const struct jval *v = jobj_get(obj, key);
	char path[200];
	snprintf(path, sizeof path, "%s%s%s", where, where[0] ? "." : "", key);
	if (!v) {
		bad(b, obj, where, "the member \"%s\" is missing", key);
		return NULL;
	}
	if (v->type != want) {
		bad(b, v, path, "expected %s, found %s", jtype_name(want), jtype_name(v->type));
		return NULL;
	}
	return v;
}

static int b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Strict base64 (RFC 4648 §4, padded, no whitespace) into a new buffer. */
static char *base64_decode(const char *s, size_t n, size_t *out_len, size_t *bad_at)
{
	*bad_at = SIZE_MAX;
	if (n % 4) {
		*bad_at = n;
		return NULL;
	}
	char *o = malloc(n / 4 * 3 + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i += 4) {
		int v[4];
		int pad = 0;
		for (int j = 0; j < 4; j++) {
			unsigned char c = (unsigned char)s[i + (size_t)j];
			if (c == '=' && i + 4 == n && j >= 2 && (j == 3 || s[i + 3] == '=')) {
				v[j] = 0;
				pad++;
			} else if ((v[j] = b64val(c)) < 0) {
				*bad_at = i + (size_t)j;
				free(o);
				return NULL;
			}
		}
		uint32_t x = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
		o[k++] = (char)(x >> 16);
		if (pad < 2)
			o[k++] = (char)(x >> 8);
		if (pad < 1)
			o[k++] = (char)x;
	}
	*out_len = k;
	return o;
}

/* The bytes of a string field: KEY_base64 when present, else KEY. *owned is
 * set when they were decoded into a new buffer (free it). */
static bool wire_field(struct build *b, const struct jval *obj, const char *where, const char *key, const char **s,
		       size_t *n, char **owned)
{
	char k64[64], path[200];
	snprintf(k64, sizeof k64, "%s_base64", key);
	*owned = NULL;
	const struct jval *v = jobj_get(obj, k64);
	if (!v) {
		v = need(b, obj, where, key, J_STRING);
		if (!v)
			return false;
		*s = v->str;
		*n = v->len;
		return true;
	}
	snprintf(path, sizeof path, "%s%s%s", where, where[0] ? "." : "", k64);
	if (v->type != J_STRING)
		return bad(b, v, path, "expected a string, found %s", jtype_name(v->type));
	size_t at;
	*owned = base64_decode(v->str, v->len, n, &at);
	if (!*owned) {
		if (at == SIZE_MAX)
			return bad(b, v, path, "out of memory");
		return bad(b, v, path, "not base64 (RFC 4648, padded) at character %zu", at + 1);
	}
	*s = *owned;
	return true;
}

/* A start-line token: not empty, no whitespace or line break. */
static bool check_token(struct build *b, const struct jval *obj, const char *key, const char *s, size_t n)
{
	const struct jval *at = jobj_get(obj, key);
	if (n == 0)
		return bad(b, at, key, "must not be empty");
	for (size_t i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '\0')
			return bad(b, at, key, "must not contain whitespace, a line break or NUL (byte %zu)", i + 1);
	return true;
}

/* A header value may span lines only by folding: a line break must be
 * followed by a space or tab, or it would start a new header. */
static bool check_value(struct build *b, const struct jval *at, const char *where, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' && (i + 1 == n || (s[i + 1] != ' ' && s[i + 1] != '\t')))
			return bad(b, at, where, "a line break not followed by a space or tab (byte %zu) would end the header",
				   i + 1);
	return true;
}

static bool field_out(struct build *b, const struct jval *obj, const char *key, bool token)
{
	const char *s;
	size_t n;
	char *owned;
	if (!wire_field(b, obj, "", key, &s, &n, &owned))
		return false;
	bool ok = token ? check_token(b, obj, key, s, n) : check_value(b, jobj_get(obj, key), key, s, n);
	if (ok)
		put(&b->out, s, n);
	free(owned);
	return ok;
}

static bool start_line(struct build *b, const struct jval *root, bool request)
{
	if (request) {
		if (!field_out(b, root, "method", true))
			return false;
		puts_(&b->out, " ");
		if (!field_out(b, root, "uri", true))
			return false;
		puts_(&b->out, " ");
		if (!field_out(b, root, "version", true))
			return false;
	} else {
		if (!field_out(b, root, "version", true))
			return false;
		const struct jval *st = need(b, root, "", "status", J_NUMBER);
		if (!st)
			return false;
		char *end;
		long code = strtol(st->str, &end, 10);
		if (end != st->str + st->len || code < 0 || code > 999)
			return bad(b, st, "status", "expected an integer from 0 to 999");
		char num[8];
		snprintf(num, sizeof num, " %03ld ", code);
		puts_(&b->out, num);
		if (!field_out(b, root, "reason", false))
			return false;
	}
	puts_(&b->out, "\r\n");
	return true;
}

/* One header: "name: value" CRLF; an empty name is a line kept raw (a bad
 * line of a lenient parse), written as its value. */
static bool header(struct build *b, const struct jval *h, size_t i)
{
	char where[64];
	snprintf(where, sizeof where, "headers[%zu]", i);
	if (h->type != J_OBJECT)
		return bad(b, h, where, "expected an object, found %s", jtype_name(h->type));
	const char *name, *value;
	size_t nlen, vlen;
	char *own_name = NULL, *own_value = NULL;
	bool ok = wire_field(b, h, where, "name", &name, &nlen, &own_name) &&
		  wire_field(b, h, where, "value", &value, &vlen, &own_value);
	char path[80];
	for (size_t k = 0; ok && k < nlen; k++)
		if (strchr(": \t\r\n", name[k]) || name[k] == '\0') {
			snprintf(path, sizeof path, "%s.name", where);
			ok = bad(b, jobj_get(h, "name"), path, "a header name cannot contain ':', whitespace or NUL");
		}
	if (ok) {
		snprintf(path, sizeof path, "%s.value", where);
		ok = check_value(b, jobj_get(h, "value"), path, value, vlen);
	}
	if (ok) {
		if (nlen) {
			put(&b->out, name, nlen);
			puts_(&b->out, ": ");
		}
		put(&b->out, value, vlen);
		puts_(&b->out, "\r\n");
	}
	free(own_name);
	free(own_value);
	return ok;
}

static bool body(struct build *b, const struct jval *root)
{
	const struct jval *body = jobj_get(root, "body");
	if (!body || body->type == J_NULL)
		return true;
	if (body->type != J_OBJECT)
		return bad(b, body, "body", "expected an object, found %s", jtype_name(body->type));
	const struct jval *enc = need(b, body, "body", "encoding", J_STRING);
	const struct jval *content = enc ? need(b, body, "body", "content", J_STRING) : NULL;
	if (!content)
		return false;
	if (strcmp(enc->str, "text") == 0) {
		put(&b->out, content->str, content->len);
		return true;
	}
	if (strcmp(enc->str, "base64") != 0)
		return bad(b, enc, "body.encoding", "expected \"text\" or \"base64\"");
	size_t n, at;
	char *bytes = base64_decode(content->str, content->len, &n, &at);
	if (!bytes)
		return at == SIZE_MAX ? bad(b, content, "body.content", "out of memory")
				      : bad(b, content, "body.content", "not base64 (RFC 4648, padded) at character %zu",
					    at + 1);
	put(&b->out, bytes, n);
	free(bytes);
	return true;
}

static bool build_sip(struct build *b, const struct jval *root, bool request)
{
	if (!start_line(b, root, request))
		return false;
	const struct jval *headers = need(b, root, "", "headers", J_ARRAY);
	if (!headers)
		return false;
	for (size_t i = 0; i < headers->count; i++)
		if (!header(b, &headers->items[i], i))
			return false;
	puts_(&b->out, "\r\n");
	return body(b, root);
}

/* The lines of one SDP section, each followed by the line end. */
static bool sdp_section(struct build *b, const struct jval *sec, const char *where, const char *eol)
{
	if (sec->type != J_OBJECT)
		return bad(b, sec, where, "expected an object, found %s", jtype_name(sec->type));
	const struct jval *lines = need(b, sec, where, "lines", J_ARRAY);
	if (!lines)
		return false;
	for (size_t i = 0; i < lines->count; i++) {
		char path[96];
		snprintf(path, sizeof path, "%s.lines[%zu]", where, i);
		const struct jval *l = &lines->items[i];
		if (l->type != J_OBJECT)
			return bad(b, l, path, "expected an object, found %s", jtype_name(l->type));
		const char *raw;
		size_t n;
		char *owned;
		if (!wire_field(b, l, path, "raw", &raw, &n, &owned))
			return false;
		bool ok = !memchr(raw, '\n', n) || bad(b, jobj_get(l, "raw"), path, "a line cannot contain a line break");
		if (ok) {
			put(&b->out, raw, n);
			puts_(&b->out, eol);
		}
		free(owned);
		if (!ok)
			return false;
	}
	return true;
}

static bool build_sdp(struct build *b, const struct jval *root)
{
	const char *eol = "\r\n";
	const struct jval *le = jobj_get(root, "line_end");
	if (le) {
		if (le->type != J_STRING || (strcmp(le->str, "\r\n") != 0 && strcmp(le->str, "\n") != 0))
			return bad(b, le, "line_end", "expected \"\\r\\n\" or \"\\n\"");
		eol = le->str;
	}
	const struct jval *session = need(b, root, "", "session", J_OBJECT);
	const struct jval *media = session ? need(b, root, "", "media", J_ARRAY) : NULL;
	if (!media || !sdp_section(b, session, "session", eol))
		return false;
	for (size_t i = 0; i < media->count; i++) {
		char where[48];
		snprintf(where, sizeof where, "media[%zu]", i);
		if (!sdp_section(b, &media->items[i], where, eol))
			return false;
	}
	return true;
}

/* Whether the bytes parse back; says why on stderr when not. */
static bool parses_back(struct build *b, bool sdp)
{
	sipmsg_error err;
	sipmsg_status st;
	if (sdp) {
		sipmsg_sdp *s = NULL;
		st = sipmsg_sdp_parse(b->out.buf, b->out.len, NULL, &s, &err);
		sipmsg_sdp_free(s);
	} else {
		sipmsg_msg *m = NULL;
		st = sipmsg_parse(b->out.buf, b->out.len, NULL, &m, &err);
		sipmsg_msg_free(m);
	}
	if (st == SIPMSG_OK)
		return true;
	char where[320];
	sipmsg_error_format(&err, where, sizeof where);
	fprintf(stderr, "sipmsg build: %s: the built %s does not parse: %s\n", b->path, sdp ? "SDP" : "message", where);
	return false;
}

int cmd_build(int argc, char **argv)
{
	const char *path = NULL;
	bool dashdash = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = true;
		} else if (!dashdash && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
			fputs(build_usage, stdout);
			return EXIT_GOOD;
		} else if (!dashdash && a[0] == '-' && a[1]) {
			fprintf(stderr, "sipmsg build: unknown option %s\n(see sipmsg build --help)\n", a);
			return EXIT_USAGE;
		} else if (path) {
			fprintf(stderr, "sipmsg build: one FILE only; extra argument %s\n(see sipmsg build --help)\n", a);
			return EXIT_USAGE;
		} else {
			path = a;
		}
	}
	if (!path) {
		fputs("sipmsg build: no FILE given (use - for standard input)\n(see sipmsg build --help)\n", stderr);
		return EXIT_USAGE;
	}
	char why[300];
	size_t len = 0;
	char *text = (char *)input_read(path, &len, why, sizeof why);
	if (!text) {
		fprintf(stderr, "sipmsg build: %s: %s\n", path, why);
		return EXIT_USAGE;
	}
	struct jdoc doc;
	struct jerror jerr;
	struct build b = {.path = path, .text = text, .text_len = len};
	int rc = EXIT_USAGE;
	if (!jdoc_parse(&doc, text, len, &jerr)) {
		fprintf(stderr, "sipmsg build: %s: malformed JSON at line %u, column %u (byte %zu): %s\n", path, jerr.line,
			jerr.column, jerr.offset, jerr.message);
		goto out;
	}
	const struct jval *root = &doc.root;
	if (root->type != J_OBJECT) {
		bad(&b, root, "", "expected an object (what sipmsg parse prints), found %s", jtype_name(root->type));
		goto out;
	}
	const struct jval *type = need(&b, root, "", "type", J_STRING);
	if (!type)
		goto out;
	bool ok, sdp = false;
	if (strcmp(type->str, "request") == 0 || strcmp(type->str, "response") == 0) {
		ok = build_sip(&b, root, type->str[2] == 'q');
	} else if (strcmp(type->str, "sdp") == 0) {
		sdp = true;
		ok = build_sdp(&b, root);
	} else if (strcmp(type->str, "error") == 0) {
		ok = bad(&b, type, "type", "\"error\": the JSON describes input that did not parse; nothing to build");
	} else {
		ok = bad(&b, type, "type", "expected \"request\", \"response\" or \"sdp\"");
	}
	if (!ok)
		goto out;
	if (b.out.oom) {
		fprintf(stderr, "sipmsg build: %s: out of memory\n", path);
		goto out;
	}
	if (fwrite(b.out.buf, 1, b.out.len, stdout) != b.out.len || fflush(stdout) != 0) {
		fputs("sipmsg build: writing the message failed\n", stderr);
		goto out;
	}
	rc = parses_back(&b, sdp) ? EXIT_GOOD : EXIT_FAILED;
out:
	jdoc_free(&doc);
	free(b.out.buf);
	free(text);
	return rc;
}
