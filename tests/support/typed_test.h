/* SPDX-License-Identifier: MIT */
/* Test support for the typed-layer suites: a message parsed from text that
 * sits right before a guard page, and small assertions on slices and
 * diagnostics. One message per test (tt_teardown frees it). */
#ifndef TEST_TYPED_TEST_H
#define TEST_TYPED_TEST_H

#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <string.h>

#include "guard.h"

static struct guarded tt_g;
static sipmsg_msg *tt_m;
static sipmsg_error tt_err;

static inline void tt_teardown(void)
{
	sipmsg_msg_free(tt_m);
	tt_m = NULL;
	guard_free(&tt_g);
}

/* Parse text (leniently unless opts say otherwise); returns the status. */
static inline sipmsg_status tt_parse_opts(const char *text, const sipmsg_parse_opts *o)
{
	tt_teardown();
	const char *p = guard_str(&tt_g, text);
	return sipmsg_parse(p, strlen(text), o, &tt_m, &tt_err);
}

static inline sipmsg_status tt_parse(const char *text) { return tt_parse_opts(text, NULL); }

static inline sipmsg_status tt_parse_strict(const char *text)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STRICT;
	return tt_parse_opts(text, &o);
}

/* Parse and require success. */
#define TT_PARSE(text) cr_assert_eq(tt_parse(text), SIPMSG_OK, "%s", tt_err.reason)

/* A literal as (pointer, length) arguments. */
#define TT_STR(s) (s), strlen(s)

static inline bool tt_is(sipmsg_slice s, const char *want)
{
	if (!want)
		return s.ptr == NULL;
	return s.ptr && s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

static inline const char *tt_or_absent(const char *s) { return s ? s : "(absent)"; }

#define TT_SLICE(s, want) \
	cr_assert(tt_is((s), (want)), "%s is \"%.*s\", expected \"%s\"", #s, (int)(s).len, (s).ptr ? (s).ptr : "", \
		  tt_or_absent(want))

/* The first diagnostic with this code, or NULL. */
static inline const sipmsg_diag *tt_diag(const sipmsg_msg *m, sipmsg_diag_code code)
{
	for (size_t i = 0; m && i < sipmsg_msg_diag_count(m); i++)
		if (sipmsg_msg_diag_at(m, i)->code == code)
			return sipmsg_msg_diag_at(m, i);
	return NULL;
}

/* A message with the usual mandatory headers around `extra` header lines. */
#define TT_REQ(extra) \
	"OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\n" \
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n" \
	"Max-Forwards: 70\r\n" \
	"To: Bob <sip:bob@biloxi.example.com>\r\n" \
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n" \
	"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n" \
	"CSeq: 314159 OPTIONS\r\n" extra "Content-Length: 0\r\n\r\n"

/* Typed value k of header id; asserts it exists. */
static inline sipmsg_typed tt_value(sipmsg_hdr_id id, size_t k)
{
	sipmsg_typed t;
	sipmsg_status st = sipmsg_typed_at(tt_m, id, k, &t);
	cr_assert_eq(st, SIPMSG_OK, "value %zu of %s: status %s", k, sipmsg_hdr_name(id), sipmsg_status_name(st));
	return t;
}

/* The status of the typed parse of the first line of id. */
static inline sipmsg_status tt_header_status(sipmsg_hdr_id id)
{
	long i = sipmsg_header_find(tt_m, id, 0);
	cr_assert_geq(i, 0, "no %s header", sipmsg_hdr_name(id));
	return sipmsg_header_parse(tt_m, (size_t)i, NULL);
}

/* The header line `line`, in a TT_REQ message, gets status `want` from its
 * typed parse (SIPMSG_ESYNTAX: a bad value; SIPMSG_OK: one that parses
 * with a warning) and a diagnostic of this code and severity at this
 * column. Returns the diagnostic for further checks. */
static inline const sipmsg_diag *tt_header_diag(const char *line, sipmsg_hdr_id id, sipmsg_status want,
						sipmsg_diag_code code, sipmsg_severity severity, uint32_t column)
{
	char text[1024];
	snprintf(text, sizeof text, TT_REQ("%s\r\n"), line);
	TT_PARSE(text);
	cr_assert_eq(tt_header_status(id), want, "%s: status %s", line, sipmsg_status_name(tt_header_status(id)));
	const sipmsg_diag *d = tt_diag(tt_m, code);
	cr_assert_not_null(d, "%s: no %s diagnostic", line, sipmsg_diag_code_name(code));
	cr_assert_eq(d->severity, severity, "%s: severity %d (%s)", line, (int)d->severity, d->message);
	cr_assert_eq(d->column, column, "%s: column %u, expected %u (%s)", line, d->column, column, d->message);
	return d;
}

/* The header's value does not parse: an error of this code at this column. */
static inline void tt_bad(const char *line, sipmsg_hdr_id id, sipmsg_diag_code code, uint32_t column)
{
	tt_header_diag(line, id, SIPMSG_ESYNTAX, code, SIPMSG_SEVERITY_ERROR, column);
}

/* The header's value parses, with a warning of this code at this column. */
static inline void tt_warned(const char *line, sipmsg_hdr_id id, sipmsg_diag_code code, uint32_t column)
{
	tt_header_diag(line, id, SIPMSG_OK, code, SIPMSG_SEVERITY_WARNING, column);
}

#endif
