/* SPDX-License-Identifier: MIT */
/* Verdict rules. A message FAILs when it does not parse (in strict mode any
 * malformed header already fails the parse), when the parse itself found an
 * error (a broken MUST: a bad hot header, a truncated body, ...), or when
 * the round trip differs. The checks run in both modes: sipmsg_msg_check()
 * (every header read typed, then the RFC 3261 rules) and sipmsg_sdp_check()
 * on every SDP body and application/sdp multipart part. Their errors FAIL
 * the message only in strict mode; in lenient mode they make it WARN, as
 * warnings do in both modes, because lenient mode is about whether the
 * message can be parsed and forwarded unchanged, and the RFC call-flow
 * examples themselves leave out mandatory headers. A message without any
 * diagnostic is OK. A bare SDP is held to the same rules as a message: the
 * errors its own parse found fail it (an unknown line type, a missing o=,
 * ...), those only sipmsg_sdp_check() finds fail it only in strict mode. */
#include "pipeline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *verdict_name(enum verdict v)
{
	return v == VERDICT_OK ? "OK" : v == VERDICT_WARN ? "WARN" : "FAIL";
}

bool pipeline_init(struct pipeline *p, bool strict)
{
	memset(p, 0, sizeof *p);
	sipmsg_parse_opts_init(&p->opts);
	p->strict = strict;
	if (strict)
		p->opts.flags |= SIPMSG_PARSE_STRICT;
	p->arena = sipmsg_arena_new(NULL, 0);
	p->arena2 = sipmsg_arena_new(NULL, 0);
	p->wcap = 8192;
	p->wbuf = malloc(p->wcap);
	if (!p->arena || !p->arena2 || !p->wbuf) {
		pipeline_release(p);
		return false;
	}
	return true;
}

void pipeline_release(struct pipeline *p)
{
	sipmsg_msg_free(p->msg);
	sipmsg_sdp_free(p->sdp);
	sipmsg_arena_free(p->arena);
	sipmsg_arena_free(p->arena2);
	free(p->wbuf);
	memset(p, 0, sizeof *p);
}

/* Add a diagnostic of the pipeline's own. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static struct report_diag *
add_extra(struct pipeline *p, const char *code, int number, const char *fmt, ...)
{
	if (p->nextra == PIPELINE_MAX_EXTRA)
		return NULL;
	size_t i = p->nextra++;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->extra_text[i], sizeof p->extra_text[i], fmt, ap);
	va_end(ap);
	p->extra[i] = (struct report_diag){.code = code, .code_number = number, .severity = SIPMSG_SEVERITY_ERROR,
					    .offset = SIZE_MAX, .message = p->extra_text[i], .fails = true};
	return &p->extra[i];
}

/* A parse or framing failure, with its position. */
static void add_error(struct pipeline *p, const sipmsg_error *e, const char *fallback)
{
	const char *name = e->code ? sipmsg_diag_code_name(e->code) : fallback;
	struct report_diag *d = add_extra(p, name, e->code, "%s", e->reason[0] ? e->reason : sipmsg_status_name(e->status));
	if (!d)
		return;
	size_t i = (size_t)(d - p->extra);
	if (e->line) {
		d->offset = e->offset;
		d->line = e->line;
		d->column = e->column;
	}
	if (e->header[0]) {
		snprintf(p->extra_header[i], sizeof p->extra_header[i], "%s", e->header);
		d->header = (sipmsg_slice){p->extra_header[i], strlen(p->extra_header[i])};
	}
}

static bool slice_eq(sipmsg_slice a, sipmsg_slice b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* What differs between a message and its re-parse, or NULL. */
static const char *compare(const sipmsg_msg *a, const sipmsg_msg *b, size_t *at)
{
	*at = SIZE_MAX;
	if (sipmsg_msg_is_request(a) != sipmsg_msg_is_request(b) || !slice_eq(sipmsg_msg_method(a), sipmsg_msg_method(b)) ||
	    !slice_eq(sipmsg_msg_request_uri(a), sipmsg_msg_request_uri(b)) ||
	    !slice_eq(sipmsg_msg_version(a), sipmsg_msg_version(b)) || sipmsg_msg_status(a) != sipmsg_msg_status(b) ||
	    !slice_eq(sipmsg_msg_reason(a), sipmsg_msg_reason(b)))
		return "start line";
	size_t n = sipmsg_header_count(a);
	if (n != sipmsg_header_count(b))
		return "number of headers";
	for (size_t i = 0; i < n; i++) {
		sipmsg_header ha, hb;
		if (sipmsg_header_at(a, i, &ha) != SIPMSG_OK || sipmsg_header_at(b, i, &hb) != SIPMSG_OK ||
		    ha.id != hb.id || !slice_eq(ha.name, hb.name) || !slice_eq(ha.value, hb.value)) {
			*at = i;
			return "header";
		}
	}
	if (!slice_eq(sipmsg_msg_body(a), sipmsg_msg_body(b)))
		return "body";
	return NULL;
}

/* The message line that byte `base` of the message is on (1-based). */
static uint32_t line_of(const uint8_t *data, size_t base)
{
	uint32_t line = 1;
	for (const uint8_t *q = data, *end = data + base; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
		line++;
	return line;
}

/* Check one SDP read from the message at `at`, or report why it could not
 * be read. Its findings fail the message only in strict mode. */
static void check_sdp(struct pipeline *p, const uint8_t *data, const char *at, sipmsg_status st, sipmsg_sdp *sdp,
		      const sipmsg_error *err)
{
	size_t base = (size_t)(at - (const char *)data);
	if (st != SIPMSG_OK) {
		struct report_diag *d = add_extra(p, err->code ? sipmsg_diag_code_name(err->code) : "sdp-parse-error",
						  err->code, "the SDP body does not parse: %s",
						  err->reason[0] ? err->reason : sipmsg_status_name(st));
		if (!d)
			return;
		d->fails = p->strict;
		if (err->line) {
			d->offset = base + err->offset;
			d->line = line_of(data, base) + err->line - 1;
			d->column = err->column;
		}
		return;
	}
	if (sipmsg_sdp_check(sdp) == SIPMSG_ENOMEM) {
		add_extra(p, "out-of-memory", 0, "%s", "out of memory while checking the SDP");
		return;
	}
	if (p->nsdp < PIPELINE_MAX_SDP && sipmsg_sdp_diag_count(sdp))
		p->sdps[p->nsdp++] = (struct pipeline_sdp){sdp, base, line_of(data, base), 0};
}

/* Every application/sdp part of a multipart body, nested ones included. */
static void check_parts(struct pipeline *p, const uint8_t *data, const sipmsg_multipart *mp)
{
	for (size_t i = 0; i < mp->part_count; i++) {
		const sipmsg_mime_part *part = &mp->parts[i];
		if (part->nested) {
			check_parts(p, data, part->nested);
			continue;
		}
		sipmsg_sdp *sdp = NULL;
		sipmsg_error err;
		sipmsg_status st = sipmsg_mime_part_sdp(p->msg, part, &sdp, &err);
		if (st != SIPMSG_ESTATE)
			check_sdp(p, data, part->body.ptr, st, sdp, &err);
	}
}

static void check_bodies(struct pipeline *p, const uint8_t *data)
{
	sipmsg_sdp *sdp = NULL;
	sipmsg_error err;
	sipmsg_status st = sipmsg_msg_sdp(p->msg, &sdp, &err);
	if (st != SIPMSG_ENOTFOUND) {
		check_sdp(p, data, sipmsg_msg_body(p->msg).ptr, st, sdp, &err);
		return;
	}
	const sipmsg_multipart *mp;
	if (sipmsg_msg_multipart(p->msg, &mp) == SIPMSG_OK)
		check_parts(p, data, mp);
}

/* Room for `need` bytes in the write buffer. */
static bool reserve_wbuf(struct pipeline *p, size_t need)
{
	size_t cap = p->wcap;
	while (cap < need)
		cap *= 2;
	if (cap == p->wcap)
		return true;
	char *b = realloc(p->wbuf, cap);
	if (!b)
		return false;
	p->wbuf = b;
	p->wcap = cap;
	return true;
}

/* True when writing `what` ("message", "SDP") back into the write buffer
 * succeeded (st) and gave the input's bytes; otherwise a round-trip
 * diagnostic says why (SIPMSG_ENOSPC: the buffer could not grow). */
static bool written_back_equal(struct pipeline *p, const uint8_t *data, const char *what, sipmsg_status st,
			       size_t written)
{
	if (st == SIPMSG_ENOSPC) {
		add_extra(p, "round-trip", 0, "out of memory writing the %s back", what);
		return false;
	}
	if (st != SIPMSG_OK) {
		add_extra(p, "round-trip", 0, "writing the %s back failed: %s", what, sipmsg_status_name(st));
		return false;
	}
	if (written == p->length && memcmp(p->wbuf, data, written) == 0)
		return true;
	size_t i = 0;
	while (i < written && i < p->length && p->wbuf[i] == (char)data[i])
		i++;
	struct report_diag *d = add_extra(p, "round-trip", 0,
					  "the written %s differs from the input at byte %zu (%zu bytes written, %zu read)",
					  what, i, written, p->length);
	if (d)
		d->offset = i;
	return false;
}

/* Write the message back; the bytes must equal the input and parse equal. */
static void round_trip(struct pipeline *p, const uint8_t *data)
{
	p->round_trip = 0;
	size_t written = 0;
	sipmsg_status st = sipmsg_write(p->msg, 0, p->wbuf, p->wcap, &written);
	if (st == SIPMSG_ENOSPC && reserve_wbuf(p, written))
		st = sipmsg_write(p->msg, 0, p->wbuf, p->wcap, &written);
	if (!written_back_equal(p, data, "message", st, written))
		return;
	sipmsg_arena_reset(p->arena2);
	sipmsg_parse_opts o = p->opts;
	o.arena = p->arena2;
	sipmsg_msg *again = NULL;
	sipmsg_error err;
	if (sipmsg_parse(p->wbuf, written, &o, &again, &err) != SIPMSG_OK) {
		char where[300];
		sipmsg_error_format(&err, where, sizeof where);
		add_extra(p, "round-trip", 0, "the written message does not parse again: %s", where);
		return;
	}
	size_t at;
	const char *what = compare(p->msg, again, &at);
	if (what) {
		if (at != SIZE_MAX)
			add_extra(p, "round-trip", 0, "parsing the written message again gives a different header %zu", at + 1);
		else
			add_extra(p, "round-trip", 0, "parsing the written message again gives a different %s", what);
	} else {
		p->round_trip = 1;
	}
	sipmsg_msg_free(again);
}

static bool sdp_lines_equal(const sipmsg_sdp_line *a, const sipmsg_sdp_line *b)
{
	return a->type == b->type && a->attr == b->attr && slice_eq(a->name, b->name) &&
	       slice_eq(a->value, b->value) && slice_eq(a->raw, b->raw);
}

static bool sdp_sections_equal(const sipmsg_sdp_section *a, const sipmsg_sdp_section *b)
{
	size_t n = sipmsg_sdp_line_count(a);
	if (n != sipmsg_sdp_line_count(b))
		return false;
	for (size_t i = 0; i < n; i++) {
		sipmsg_sdp_line la, lb;
		if (sipmsg_sdp_line_at(a, i, &la) != SIPMSG_OK || sipmsg_sdp_line_at(b, i, &lb) != SIPMSG_OK ||
		    !sdp_lines_equal(&la, &lb))
			return false;
	}
	return true;
}

/* What differs between an SDP and its re-parse, or NULL; *media: the
 * 1-based media description that differs, 0 for the session level. */
static const char *compare_sdp(const sipmsg_sdp *a, const sipmsg_sdp *b, size_t *media)
{
	*media = 0;
	size_t n = sipmsg_sdp_media_count(a);
	if (n != sipmsg_sdp_media_count(b))
		return "number of media descriptions";
	if (!sdp_sections_equal(sipmsg_sdp_session(a), sipmsg_sdp_session(b)))
		return "session level";
	for (size_t k = 0; k < n; k++) {
		if (!sdp_sections_equal(sipmsg_sdp_media_at(a, k), sipmsg_sdp_media_at(b, k))) {
			*media = k + 1;
			return "media description";
		}
	}
	return NULL;
}

/* The round trip of a bare SDP: the same bytes, and the same lines in the
 * same sections when parsed again. */
static void round_trip_sdp(struct pipeline *p, const uint8_t *data)
{
	p->round_trip = 0;
	size_t written = 0;
	sipmsg_status st = sipmsg_sdp_write(p->sdp, 0, p->wbuf, p->wcap, &written);
	if (st == SIPMSG_ENOSPC && reserve_wbuf(p, written))
		st = sipmsg_sdp_write(p->sdp, 0, p->wbuf, p->wcap, &written);
	if (!written_back_equal(p, data, "SDP", st, written))
		return;
	sipmsg_arena_reset(p->arena2);
	sipmsg_parse_opts o = p->opts;
	o.arena = p->arena2;
	sipmsg_sdp *again = NULL;
	sipmsg_error err;
	if (sipmsg_sdp_parse(p->wbuf, written, &o, &again, &err) != SIPMSG_OK) {
		char where[300];
		sipmsg_error_format(&err, where, sizeof where);
		add_extra(p, "round-trip", 0, "the written SDP does not parse again: %s", where);
		return;
	}
	size_t media;
	const char *what = compare_sdp(p->sdp, again, &media);
	if (what && media)
		add_extra(p, "round-trip", 0, "parsing the written SDP again gives a different media description %zu",
			  media);
	else if (what)
		add_extra(p, "round-trip", 0, "parsing the written SDP again gives a different %s", what);
	else
		p->round_trip = 1;
	sipmsg_sdp_free(again);
}

/* Forget the last check's results. */
static void start_check(struct pipeline *p, size_t len)
{
	sipmsg_msg_free(p->msg);
	sipmsg_sdp_free(p->sdp);
	p->msg = NULL;
	p->sdp = NULL;
	p->bare_sdp = false;
	p->nextra = 0;
	p->nsdp = 0;
	p->parse_diags = 0;
	p->round_trip = -1;
	p->length = len;
}

/* FAIL when a diagnostic fails it, WARN when there is any, else OK. */
static enum verdict settle_verdict(struct pipeline *p)
{
	enum verdict v = VERDICT_OK;
	size_t n = pipeline_diag_count(p);
	for (size_t i = 0; i < n && v != VERDICT_FAIL; i++) {
		struct report_diag d;
		pipeline_diag_at(p, i, &d);
		v = d.fails ? VERDICT_FAIL : VERDICT_WARN;
	}
	return p->verdict = v;
}

enum verdict pipeline_check(struct pipeline *p, const uint8_t *data, size_t len, bool stream,
			    const sipmsg_error *framing)
{
	start_check(p, len);
	if (framing) {
		add_error(p, framing, "framing");
		return p->verdict = VERDICT_FAIL;
	}
	/* 1. parse */
	sipmsg_arena_reset(p->arena);
	sipmsg_parse_opts o = p->opts;
	o.arena = p->arena;
	if (stream)
		o.flags |= SIPMSG_PARSE_STREAM;
	sipmsg_error err;
	if (sipmsg_parse(data, len, &o, &p->msg, &err) != SIPMSG_OK) {
		p->msg = NULL;
		add_error(p, &err, "parse-error");
		return p->verdict = VERDICT_FAIL;
	}
	p->length = sipmsg_msg_length(p->msg);
	p->parse_diags = sipmsg_msg_diag_count(p->msg);
	/* 2. checks; their diagnostics land on the message and its SDPs */
	if (sipmsg_msg_check(p->msg) == SIPMSG_ENOMEM)
		add_extra(p, "out-of-memory", 0, "%s", "out of memory while checking");
	check_bodies(p, data);
	/* 3. round trip */
	round_trip(p, data);
	return settle_verdict(p);
}

enum verdict pipeline_check_sdp(struct pipeline *p, const uint8_t *data, size_t len)
{
	start_check(p, len);
	p->bare_sdp = true;
	/* 1. parse */
	sipmsg_arena_reset(p->arena);
	sipmsg_parse_opts o = p->opts;
	o.arena = p->arena;
	sipmsg_error err;
	if (sipmsg_sdp_parse(data, len, &o, &p->sdp, &err) != SIPMSG_OK) {
		p->sdp = NULL;
		add_error(p, &err, "sdp-parse-error");
		return p->verdict = VERDICT_FAIL;
	}
	/* 2. checks; their diagnostics follow those of the parse */
	size_t parse_diags = sipmsg_sdp_diag_count(p->sdp);
	if (sipmsg_sdp_check(p->sdp) == SIPMSG_ENOMEM)
		add_extra(p, "out-of-memory", 0, "%s", "out of memory while checking the SDP");
	p->sdps[p->nsdp++] = (struct pipeline_sdp){p->sdp, 0, 1, parse_diags};
	/* 3. round trip */
	round_trip_sdp(p, data);
	return settle_verdict(p);
}

size_t pipeline_diag_count(const struct pipeline *p)
{
	size_t n = (p->msg ? sipmsg_msg_diag_count(p->msg) : 0) + p->nextra;
	for (size_t k = 0; k < p->nsdp; k++)
		n += sipmsg_sdp_diag_count(p->sdps[k].sdp);
	return n;
}

static void from_diag(struct report_diag *out, const sipmsg_diag *d, bool fails)
{
	*out = (struct report_diag){
		.code = sipmsg_diag_code_name(d->code), .code_number = (int)d->code, .severity = d->severity,
		.offset = d->offset, .line = d->line, .column = d->column, .header = d->header, .message = d->message,
		.fails = fails && d->severity == SIPMSG_SEVERITY_ERROR,
	};
}

/* In order: the message's diagnostics, those of each SDP, the pipeline's own. */
void pipeline_diag_at(const struct pipeline *p, size_t i, struct report_diag *out)
{
	size_t n = p->msg ? sipmsg_msg_diag_count(p->msg) : 0;
	if (i < n) {
		from_diag(out, sipmsg_msg_diag_at(p->msg, i), i < p->parse_diags || p->strict);
		return;
	}
	i -= n;
	for (size_t k = 0; k < p->nsdp; k++) {
		const struct pipeline_sdp *s = &p->sdps[k];
		n = sipmsg_sdp_diag_count(s->sdp);
		if (i >= n) {
			i -= n;
			continue;
		}
		from_diag(out, sipmsg_sdp_diag_at(s->sdp, i), i < s->parse_diags || p->strict);
		if (out->offset != SIZE_MAX)
			out->offset += s->base;
		if (out->line)
			out->line += s->base_line - 1;
		return;
	}
	*out = p->extra[i];
}

/* For FAIL the first diagnostic that fails; for WARN the first error (one
 * only the checks found), else the first warning. */
bool pipeline_reason(const struct pipeline *p, struct report_diag *out)
{
	if (p->verdict == VERDICT_OK)
		return false;
	size_t n = pipeline_diag_count(p);
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		struct report_diag d;
		pipeline_diag_at(p, i, &d);
		bool better = p->verdict == VERDICT_FAIL ? d.fails
			      : d.severity == SIPMSG_SEVERITY_ERROR && (!found || out->severity != SIPMSG_SEVERITY_ERROR);
		if (!found || better) {
			*out = d;
			found = true;
			if (better && (p->verdict == VERDICT_FAIL || d.severity == SIPMSG_SEVERITY_ERROR))
				break;
		}
	}
	return found;
}
