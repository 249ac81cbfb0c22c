/* SPDX-License-Identifier: MIT */
/* The edit path. FUZZ_OPT_BYTES option bytes (fuzz.h), then EDIT_OPS edits of
 * three bytes each (kind, a, b), then the message. The message is parsed, the
 * edits are applied one after the other while a model of the header list is
 * kept here, then the message is written and parsed again (leniently).
 *
 * Checked: every edit returns what its contract says for its arguments; the
 * header list equals the model after the edits and after the re-parse;
 * headers nobody touched keep their bytes; the start line and body are what
 * the edits made them. Edits never create a second or a wrong Content-Length
 * by hand (only sipmsg_msg_set_body does, which keeps it true), so the written
 * message must always parse again. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EDIT_OPS 6
#define MAX_MODEL 4096

static const char *const names[] = {
	"Subject", "s", "X-Fuzz", "x-fuzz", "Via", "v", "Contact", "Route", "Call-ID", "i",
	"CSeq", "Max-Forwards", "To", "f", "Content-Type", "Supported",
	"", "Bad Name", "X:", "N\xc3\xa4me", /* not tokens: EINVAL */
};
#define NNAMES (sizeof names / sizeof names[0])

static char long_value[300];
static bool trace;

static const char *const values[] = {
	"", "v", "SIP/2.0/UDP h;branch=z9hG4bK1", "<sip:a@b>;tag=1", "1 INVITE", "70", "a, b ,c",
	"\"q,\" <sip:x>", "tab\there", "x\r\ny", "\x01", "caf\xc3\xa9",
	NULL, /* long_value */
};
#define NVALUES (sizeof values / sizeof values[0])

/* A model header: its bytes, and where it came from. */
struct mh {
	const char *name, *value;
	size_t nlen, vlen;
	long orig;     /* index in the parsed message, -1 for an added header */
	size_t off;    /* its offset in the input, and bytes from there to the value's end */
	size_t span;
	bool replaced; /* value set by an edit */
	bool bad_line;
};

static struct mh model[MAX_MODEL];
static size_t nmodel;

static bool ieq(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return false;
	}
	return true;
}

/* Does model header h answer to this name (the library's find_name rules)? */
static bool model_named(const struct mh *h, const char *name, size_t nlen)
{
	sipmsg_hdr_id id = sipmsg_hdr_lookup(name, nlen);
	if (id)
		return !h->bad_line && sipmsg_hdr_lookup(h->name, h->nlen) == id;
	return !h->bad_line && !sipmsg_hdr_lookup(h->name, h->nlen) && ieq(h->name, h->nlen, name, nlen);
}

static long model_find(const char *name, size_t nlen, size_t from)
{
	for (size_t i = from; i < nmodel; i++)
		if (model_named(&model[i], name, nlen))
			return (long)i;
	return -1;
}

static void model_insert(size_t at, const char *name, size_t nlen, const char *value, size_t vlen)
{
	FUZZ_CHECK(nmodel < MAX_MODEL, "model full");
	memmove(&model[at + 1], &model[at], (nmodel - at) * sizeof model[0]);
	model[at] = (struct mh){name, value, nlen, vlen, -1, 0, 0, true, false};
	nmodel++;
}

static void model_remove(size_t at)
{
	memmove(&model[at], &model[at + 1], (nmodel - at - 1) * sizeof model[0]);
	nmodel--;
}

static size_t model_add_position(const char *name, size_t nlen)
{
	size_t at = nmodel;
	if (at && sipmsg_hdr_lookup(model[at - 1].name, model[at - 1].nlen) == SIPMSG_HDR_CONTENT_LENGTH &&
	    !model[at - 1].bad_line && sipmsg_hdr_lookup(name, nlen) != SIPMSG_HDR_CONTENT_LENGTH)
		at--;
	return at;
}

/* The library's header i is model header i. */
static void compare_model(const sipmsg_msg *m, const char *when)
{
	FUZZ_CHECK(sipmsg_header_count(m) == nmodel, "%s: %zu headers, model %zu", when, sipmsg_header_count(m), nmodel);
	for (size_t i = 0; i < nmodel; i++) {
		sipmsg_header h;
		sipmsg_header_at(m, i, &h);
		const struct mh *e = &model[i];
		if (e->bad_line) {
			FUZZ_CHECK(h.flags & SIPMSG_HEADER_BAD_LINE, "%s: header %zu is not the bad line", when, i);
		} else {
			FUZZ_CHECK(h.name.len == e->nlen && memcmp(h.name.ptr, e->name, e->nlen) == 0,
				   "%s: header %zu name '%.*s', model '%.*s'", when, i, (int)h.name.len, h.name.ptr,
				   (int)e->nlen, e->name);
			FUZZ_CHECK(h.id == sipmsg_hdr_lookup(e->name, e->nlen), "%s: header %zu id", when, i);
		}
		/* a value given to an edit with SP/HTAB at its ends is written as
		 * given, and a parse trims them: compare without them */
		FUZZ_CHECK(fuzz_same_unfolded(fuzz_trim(h.value), fuzz_trim((sipmsg_slice){e->value, e->vlen})),
			   "%s: header %zu value '%.*s', model '%.*s'", when, i, (int)h.value.len, h.value.ptr,
			   (int)e->vlen, e->value);
	}
}

/* What writing does to the header list: a bad line that starts with
 * whitespace stands alone only as the first header; the writer puts it
 * there wherever edits moved it (see write.c). */
static void model_written(void)
{
	for (size_t i = 1; i < nmodel; i++) {
		struct mh e = model[i];
		if (e.bad_line && e.vlen && (e.value[0] == ' ' || e.value[0] == '\t')) {
			memmove(&model[1], &model[0], i * sizeof model[0]);
			model[0] = e;
		}
	}
}

/* Does the library check the value of this header by its grammar (a known
 * header with a typed view)? Such an edit may be refused (ESYNTAX), and
 * then changes nothing. */
static bool typed_name(const char *name, size_t nlen)
{
	sipmsg_hdr_id id = sipmsg_hdr_lookup(name, nlen);
	return id && sipmsg_hdr_kind_of(id) != SIPMSG_KIND_TEXT;
}

/* An edit's status is want, or ESYNTAX for a typed header whose edit would
 * have been OK, or ENOMEM. */
static bool edit_status_ok(sipmsg_status st, sipmsg_status want, const char *name, size_t nlen)
{
	return st == want || st == SIPMSG_ENOMEM || (want == SIPMSG_OK && st == SIPMSG_ESYNTAX && typed_name(name, nlen));
}

struct expect {
	bool request;
	sipmsg_slice method, ruri, reason, body;
	int status;
};

static sipmsg_slice copy_slice(sipmsg_slice s)
{
	return s; /* slices stay valid: every message is kept until the end */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!long_value[0]) {
		memset(long_value, 'w', sizeof long_value - 1);
		trace = getenv("FUZZ_TRACE") != NULL; /* print each edit (replaying one input) */
	}
	struct fuzz_in in = {data, size};
	struct fuzz_parse fp;
	fuzz_take_parse_opts(&in, &fp);
	uint8_t ops[EDIT_OPS][3];
	for (size_t i = 0; i < EDIT_OPS; i++)
		for (size_t j = 0; j < 3; j++)
			ops[i][j] = fuzz_u8(&in);
	const uint8_t *msg = in.p;
	size_t len = in.n;

	sipmsg_msg *m;
	if (fuzz_parse_checked(msg, len, &fp, &m) != SIPMSG_OK) {
		fuzz_parse_done(&fp);
		return 0;
	}
	if (trace)
		fprintf(stderr, "parsed %zu bytes: flags %#x lenient %#x limits %zu/%zu/%zu, %zu headers\n", len,
			fp.opts.flags, fp.opts.lenient, fp.opts.max_message_size, fp.opts.max_headers,
			fp.opts.max_line_length, sipmsg_header_count(m));
	sipmsg_msg *keep[EDIT_OPS + 1];
	size_t nkeep = 0;
	keep[nkeep++] = m;

	nmodel = 0;
	for (size_t i = 0; i < sipmsg_header_count(m); i++) {
		sipmsg_header h;
		sipmsg_header_at(m, i, &h);
		FUZZ_CHECK(nmodel < MAX_MODEL, "too many headers for the model");
		model[nmodel++] = (struct mh){h.name.ptr, h.value.ptr, h.name.len, h.value.len, (long)i, h.offset,
					      (size_t)(h.value.ptr + h.value.len - h.name.ptr), false,
					      (h.flags & SIPMSG_HEADER_BAD_LINE) != 0};
	}
	struct expect ex = {
		.request = sipmsg_msg_is_request(m),
		.method = copy_slice(sipmsg_msg_method(m)),
		.ruri = copy_slice(sipmsg_msg_request_uri(m)),
		.reason = copy_slice(sipmsg_msg_reason(m)),
		.body = copy_slice(sipmsg_msg_body(m)),
		.status = sipmsg_msg_status(m),
	};
	size_t max_headers = fuzz_limit(fp.opts.max_headers, SIPMSG_DEFAULT_MAX_HEADERS);
	size_t max_line = fuzz_limit(fp.opts.max_line_length, SIPMSG_DEFAULT_MAX_LINE_LENGTH);
	if (max_headers > UINT32_MAX - 1)
		max_headers = UINT32_MAX - 1;

	for (size_t k = 0; k < EDIT_OPS; k++) {
		uint8_t kind = ops[k][0] % 12, a = ops[k][1], b = ops[k][2];
		const char *name = names[a % NNAMES];
		size_t nlen = strlen(name);
		const char *value;
		size_t vlen;
		if (b < NVALUES * 16) {
			value = values[b % NVALUES];
			if (!value)
				value = long_value;
			vlen = strlen(value);
		} else { /* a piece of the message itself */
			size_t from = len ? (size_t)b * 131 % len : 0;
			value = (const char *)msg + from;
			vlen = len - from < 40 ? len - from : 40;
		}
		bool nok = fuzz_is_token(name, nlen), vok = fuzz_is_text(value, vlen);
		size_t count = nmodel;
		sipmsg_status st, want;
		switch (kind) {
		case 0: /* add */
			want = !nok || !vok ? SIPMSG_EINVAL
			       : count >= max_headers || nlen + 2 + vlen > max_line ? SIPMSG_ELIMIT : SIPMSG_OK;
			st = sipmsg_header_add(m, name, nlen, value, vlen);
			FUZZ_CHECK(edit_status_ok(st, want, name, nlen), "add: %s, expected %s", sipmsg_status_name(st),
				   sipmsg_status_name(want));
			if (st == SIPMSG_OK)
				model_insert(model_add_position(name, nlen), name, nlen, value, vlen);
			break;
		case 1: { /* insert */
			size_t at = (size_t)(a ^ b) % (count + 2); /* count + 1 is out of range */
			want = at > count || !nok || !vok ? SIPMSG_EINVAL
			       : count >= max_headers || nlen + 2 + vlen > max_line ? SIPMSG_ELIMIT : SIPMSG_OK;
			st = sipmsg_header_insert(m, at, name, nlen, value, vlen);
			FUZZ_CHECK(edit_status_ok(st, want, name, nlen), "insert: %s, expected %s", sipmsg_status_name(st),
				   sipmsg_status_name(want));
			if (st == SIPMSG_OK)
				model_insert(at, name, nlen, value, vlen);
			break;
		}
		case 2: { /* replace (never a Content-Length: its value must stay true) */
			size_t at = count ? a % count : 0;
			if (count && sipmsg_hdr_lookup(model[at].name, model[at].nlen) == SIPMSG_HDR_CONTENT_LENGTH &&
			    !model[at].bad_line)
				break;
			want = at >= count ? SIPMSG_ENOTFOUND
			       : !vok || model[at].bad_line ? SIPMSG_EINVAL
			       : model[at].nlen + 2 + vlen > max_line ? SIPMSG_ELIMIT : SIPMSG_OK;
			st = sipmsg_header_replace(m, at, value, vlen);
			FUZZ_CHECK(edit_status_ok(st, want, at < count ? model[at].name : "", at < count ? model[at].nlen : 0),
				   "replace: %s, expected %s",
				   sipmsg_status_name(st), sipmsg_status_name(want));
			if (st == SIPMSG_OK) {
				model[at].value = value;
				model[at].vlen = vlen;
				model[at].replaced = true;
			}
			break;
		}
		case 3: { /* remove */
			size_t at = count ? a % (count + 1) : 0;
			st = sipmsg_header_remove(m, at);
			FUZZ_CHECK(st == (at < count ? SIPMSG_OK : SIPMSG_ENOTFOUND), "remove %zu of %zu: %s", at, count,
				   sipmsg_status_name(st));
			if (st == SIPMSG_OK)
				model_remove(at);
			break;
		}
		case 4: { /* remove_all */
			size_t n = 0;
			for (long i; (i = model_find(name, nlen, 0)) >= 0; n++)
				model_remove((size_t)i);
			size_t got = sipmsg_header_remove_all(m, name, nlen);
			FUZZ_CHECK(got == n, "remove_all(%s): %zu, model %zu", name, got, n);
			break;
		}
		case 5: { /* set */
			long first = nok ? model_find(name, nlen, 0) : -1;
			want = !nok || !vok ? SIPMSG_EINVAL
			       : first < 0 && count >= max_headers ? SIPMSG_ELIMIT
			       : (first < 0 ? nlen : model[first].nlen) + 2 + vlen > max_line ? SIPMSG_ELIMIT : SIPMSG_OK;
			st = sipmsg_header_set(m, name, nlen, value, vlen);
			FUZZ_CHECK(edit_status_ok(st, want, name, nlen), "set: %s, expected %s", sipmsg_status_name(st),
				   sipmsg_status_name(want));
			if (st != SIPMSG_OK)
				break;
			if (first < 0) {
				model_insert(model_add_position(name, nlen), name, nlen, value, vlen);
				break;
			}
			model[first].value = value;
			model[first].vlen = vlen;
			model[first].replaced = true;
			for (long i; (i = model_find(name, nlen, (size_t)first + 1)) >= 0;)
				model_remove((size_t)i);
			break;
		}
		case 6: { /* set the body */
			static const char *const types[] = {NULL, "text/plain", "application/sdp", "bad\r\ntype"};
			const char *ct = types[a % 4];
			bool ct_ok = !ct || fuzz_is_text(ct, strlen(ct));
			long cl = model_find("Content-Length", 14, 0);
			bool need_slot = cl < 0 || (ct && model_find("Content-Type", 12, 0) < 0);
			st = sipmsg_msg_set_body(m, value, vlen, ct);
			if (!ct_ok) {
				FUZZ_CHECK(st == SIPMSG_EINVAL, "set_body with a bad type: %s", sipmsg_status_name(st));
				break;
			}
			if (st == SIPMSG_ELIMIT && (need_slot || max_line < 64))
				goto unmodelled; /* partly applied; the model cannot follow */
			FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_ENOMEM, "set_body: %s", sipmsg_status_name(st));
			if (st != SIPMSG_OK)
				goto unmodelled;
			char num[24];
			snprintf(num, sizeof num, "%zu", vlen);
			sipmsg_header h;
			/* Content-Length: the set rule with the library's copy of the digits */
			long i = sipmsg_header_find(m, SIPMSG_HDR_CONTENT_LENGTH, 0);
			FUZZ_CHECK(i >= 0 && sipmsg_header_at(m, (size_t)i, &h) == SIPMSG_OK &&
					   h.value.len == strlen(num) && memcmp(h.value.ptr, num, h.value.len) == 0,
				   "Content-Length after set_body");
			sipmsg_header clh = h;
			if (ct) {
				long t = model_find("Content-Type", 12, 0);
				i = sipmsg_header_find(m, SIPMSG_HDR_CONTENT_TYPE, 0);
				FUZZ_CHECK(i >= 0 && sipmsg_header_at(m, (size_t)i, &h) == SIPMSG_OK, "Content-Type after set_body");
				if (t < 0) {
					model_insert(model_add_position("Content-Type", 12), h.name.ptr, h.name.len,
						     h.value.ptr, h.value.len);
				} else {
					model[t].value = h.value.ptr;
					model[t].vlen = h.value.len;
					model[t].replaced = true;
					for (long j; (j = model_find("Content-Type", 12, (size_t)t + 1)) >= 0;)
						model_remove((size_t)j);
				}
			} else if (vlen == 0) {
				for (long j; (j = model_find("Content-Type", 12, 0)) >= 0;)
					model_remove((size_t)j);
			}
			/* the library sets Content-Type first, then Content-Length: the
			 * model follows that order (an add position depends on it) */
			cl = model_find("Content-Length", 14, 0);
			h = clh;
			if (cl < 0) {
				model_insert(model_add_position("Content-Length", 14), h.name.ptr, h.name.len, h.value.ptr,
					     h.value.len);
			} else {
				model[cl].value = h.value.ptr;
				model[cl].vlen = h.value.len;
				model[cl].replaced = true;
				for (long j; (j = model_find("Content-Length", 14, (size_t)cl + 1)) >= 0;)
					model_remove((size_t)j);
			}
			ex.body = (sipmsg_slice){sipmsg_msg_body(m).ptr, vlen};
			FUZZ_CHECK(sipmsg_msg_body(m).len == vlen && (!vlen || memcmp(sipmsg_msg_body(m).ptr, value, vlen) == 0),
				   "body after set_body");
			break;
		}
		case 7: { /* Request-URI */
			bool ok = vlen > 0;
			for (size_t i = 0; i < vlen; i++)
				ok &= (unsigned char)value[i] > 0x20 && (unsigned char)value[i] != 0x7f;
			want = !ex.request ? SIPMSG_ESTATE : !ok ? SIPMSG_EINVAL : SIPMSG_OK;
			st = sipmsg_msg_set_request_uri(m, value, vlen);
			/* (a text the URI parser refuses: ESYNTAX) */
			FUZZ_CHECK(st == want || st == SIPMSG_ENOMEM || (want == SIPMSG_OK && st == SIPMSG_ESYNTAX),
				   "set_request_uri: %s, expected %s",
				   sipmsg_status_name(st), sipmsg_status_name(want));
			if (st == SIPMSG_OK)
				ex.ruri = sipmsg_msg_request_uri(m);
			break;
		}
		case 8: /* method */
			want = !ex.request ? SIPMSG_ESTATE : !nok ? SIPMSG_EINVAL : SIPMSG_OK;
			st = sipmsg_msg_set_method(m, name, nlen);
			FUZZ_CHECK(st == want || st == SIPMSG_ENOMEM, "set_method: %s, expected %s",
				   sipmsg_status_name(st), sipmsg_status_name(want));
			if (st == SIPMSG_OK)
				ex.method = sipmsg_msg_method(m);
			break;
		case 9: { /* status */
			int code = 100 + a * 3;
			bool table = b & 1;
			want = ex.request ? SIPMSG_ESTATE : code > 699 || (!table && !vok) ? SIPMSG_EINVAL : SIPMSG_OK;
			st = sipmsg_msg_set_status(m, code, table ? NULL : value, vlen);
			FUZZ_CHECK(st == want || st == SIPMSG_ENOMEM, "set_status: %s, expected %s",
				   sipmsg_status_name(st), sipmsg_status_name(want));
			if (st == SIPMSG_OK) {
				ex.status = code;
				ex.reason = sipmsg_msg_reason(m);
			}
			break;
		}
		case 10: { /* clone, and go on editing the clone */
			sipmsg_msg *c;
			st = sipmsg_msg_clone(m, &c);
			if (st == SIPMSG_ENOMEM && fp.fail_alloc)
				break;
			FUZZ_CHECK(st == SIPMSG_OK, "clone: %s", sipmsg_status_name(st));
			char *w1, *w2;
			size_t l1, l2;
			FUZZ_CHECK(sipmsg_write_alloc(m, 0, &w1, &l1) == SIPMSG_OK && sipmsg_write_alloc(c, 0, &w2, &l2) == SIPMSG_OK,
				   "write");
			FUZZ_CHECK(l1 == l2 && memcmp(w1, w2, l1) == 0, "the clone writes other bytes");
			sipmsg_free(w1);
			sipmsg_free(w2);
			/* the clone re-parsed its bytes: the model's slices still point into m, kept alive */
			keep[nkeep++] = c;
			m = c;
			model_written();
			for (size_t i = 0; i < nmodel; i++)
				model[i].orig = -1; /* offsets are now the clone's */
			ex.method = sipmsg_msg_method(m);
			ex.ruri = sipmsg_msg_request_uri(m);
			ex.reason = sipmsg_msg_reason(m);
			ex.body = sipmsg_msg_body(m);
			break;
		}
		default: /* write in the middle of editing: must not disturb anything */
			FUZZ_CHECK(sipmsg_write_size(m, k & 1 ? SIPMSG_WRITE_COMPACT : 0) > 0, "write size");
			break;
		}
		if (trace)
			fprintf(stderr, "edit %zu: kind %u a %u b %u name '%s' value '%.*s' -> %zu headers\n", k, kind, a, b,
				name, (int)vlen, value, sipmsg_header_count(m));
		compare_model(m, "after an edit");
	}

	/* untouched parsed headers kept their place in the input */
	for (size_t i = 0; i < nmodel; i++) {
		if (model[i].orig < 0 || model[i].replaced)
			continue;
		sipmsg_header h;
		sipmsg_header_at(m, i, &h);
		FUZZ_CHECK(h.offset == model[i].off && !(h.flags & SIPMSG_HEADER_MODIFIED),
			   "untouched header %zu moved: offset %zu, was %zu", i, h.offset, model[i].off);
	}

	char *out;
	size_t olen;
	FUZZ_CHECK(sipmsg_write_alloc(m, 0, &out, &olen) == SIPMSG_OK, "write");
	model_written();
	sipmsg_parse_opts ro;
	fuzz_reparse_opts(&ro, olen, nmodel);
	sipmsg_msg *r;
	sipmsg_error err;
	sipmsg_status st = sipmsg_parse(out, olen, &ro, &r, &err);
	FUZZ_CHECK(st == SIPMSG_OK, "the edited message does not parse: %s at %u:%u: %s\n%.*s", sipmsg_status_name(st),
		   err.line, err.column, err.reason, (int)olen, out);
	compare_model(r, "after write and parse");
	FUZZ_CHECK(sipmsg_msg_length(r) == olen, "the written message is %zu bytes, parsed %zu", olen,
		   sipmsg_msg_length(r));
	for (size_t i = 0; i < nmodel; i++) {
		if (model[i].orig < 0 || model[i].replaced)
			continue;
		sipmsg_header h;
		sipmsg_header_at(r, i, &h);
		size_t span = model[i].span;
		FUZZ_CHECK(h.offset + span <= olen && memcmp(out + h.offset, msg + model[i].off, span) == 0,
			   "untouched header %zu lost its bytes", i);
	}
	FUZZ_CHECK(sipmsg_msg_is_request(r) == ex.request, "kind");
	if (ex.request) {
		sipmsg_slice me = sipmsg_msg_method(r), u = sipmsg_msg_request_uri(r);
		FUZZ_CHECK(me.len == ex.method.len && !memcmp(me.ptr, ex.method.ptr, me.len), "method");
		FUZZ_CHECK(u.len == ex.ruri.len && !memcmp(u.ptr, ex.ruri.ptr, u.len), "Request-URI");
	} else {
		sipmsg_slice re = sipmsg_msg_reason(r);
		FUZZ_CHECK(sipmsg_msg_status(r) == ex.status, "status %d, expected %d", sipmsg_msg_status(r), ex.status);
		FUZZ_CHECK(re.len == ex.reason.len && !memcmp(re.ptr, ex.reason.ptr, re.len), "reason");
	}
	sipmsg_slice body = sipmsg_msg_body(r);
	FUZZ_CHECK(body.len == ex.body.len && (!body.len || !memcmp(body.ptr, ex.body.ptr, body.len)),
		   "body of %zu bytes, expected %zu", body.len, ex.body.len);
	sipmsg_msg_free(r);
	sipmsg_free(out);
	goto done;
unmodelled:
	/* an edit failed half-way (out of memory or a limit): the message must stay usable */
	FUZZ_CHECK(sipmsg_write_size(m, 0) > 0, "write after a failed edit");
done:
	for (size_t i = 0; i < nkeep; i++)
		sipmsg_msg_free(keep[i]);
	fuzz_parse_done(&fp);
	return 0;
}
