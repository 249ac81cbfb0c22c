/* SPDX-License-Identifier: MIT */
/* The per-message work of `sipmsg check`: parse, run the checks (RFC 3261
 * rules with every header read typed, and the SDP checks on every SDP body
 * and multipart part), write the message back and compare the bytes, parse
 * the written bytes again and compare the start line and headers. A bare
 * SDP goes the same way with the SDP parser, checks and writer. One pipeline
 * is reused for every message (one arena per parse, reset each time; one
 * write buffer), so a message costs no heap allocation once the buffers have
 * grown. */
#ifndef SIPMSG_TOOL_PIPELINE_H
#define SIPMSG_TOOL_PIPELINE_H

#include <sipmsg/sipmsg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum verdict { VERDICT_OK, VERDICT_WARN, VERDICT_FAIL };

const char *verdict_name(enum verdict v); /* "OK", "WARN", "FAIL" */

/* One diagnostic as the reports show it: one of the library's, or one the
 * pipeline adds (a parse or framing failure, a failed round trip). */
struct report_diag {
	const char *code;          /* stable name ("bare-lf", "round-trip") */
	int code_number;           /* the sipmsg_diag_code, 0 for the pipeline's own */
	sipmsg_severity severity;
	size_t offset;             /* byte offset in the message; SIZE_MAX when not about a byte */
	uint32_t line, column;     /* 1-based; 0 when unknown */
	sipmsg_slice header;       /* header name, empty when none */
	const char *message;
	bool fails;                /* an error that fails the message in this mode */
};

#define PIPELINE_MAX_EXTRA 4
#define PIPELINE_MAX_SDP 16

/* An SDP read from the message (its body or a multipart part); its
 * diagnostics are reported at message offsets and lines. */
struct pipeline_sdp {
	const sipmsg_sdp *sdp;
	size_t base;               /* offset of the SDP in the message */
	uint32_t base_line;        /* line of the message the SDP starts on */
	size_t parse_diags;        /* its first diagnostics, found by its parse, whose errors fail in
				      both modes: a bare SDP's; 0 for a body (only --strict fails those) */
};

struct pipeline {
	sipmsg_parse_opts opts;
	sipmsg_arena *arena;       /* the message under check */
	sipmsg_arena *arena2;      /* its re-parse */
	char *wbuf;                /* the written bytes */
	size_t wcap;
	/* the result of the last pipeline_check() */
	sipmsg_msg *msg;           /* NULL when parsing failed (or a bare SDP was checked) */
	bool bare_sdp;             /* a bare SDP was checked, not a SIP message */
	sipmsg_sdp *sdp;           /* that SDP; NULL when it did not parse */
	bool strict;
	size_t parse_diags;        /* the message's diagnostics found by the parse itself */
	size_t nsdp;
	struct pipeline_sdp sdps[PIPELINE_MAX_SDP];
	enum verdict verdict;
	int round_trip;            /* 1 passed, 0 failed, -1 not attempted */
	size_t length;             /* bytes of the message (without trailing bytes) */
	size_t nextra;
	struct report_diag extra[PIPELINE_MAX_EXTRA];
	char extra_text[PIPELINE_MAX_EXTRA][224];
	char extra_header[PIPELINE_MAX_EXTRA][64];
};

/* Returns false when out of memory. */
bool pipeline_init(struct pipeline *p, bool strict);
void pipeline_release(struct pipeline *p);

/* Check one message. stream: it was framed from a byte stream (Content-Length
 * is then required). framing: non-NULL when the stream could not be framed;
 * the bytes are then only reported. The results stay valid until the next
 * call. */
enum verdict pipeline_check(struct pipeline *p, const uint8_t *data, size_t len, bool stream,
			    const sipmsg_error *framing);

/* Check a bare SDP (the whole of data) the same way: parse, sipmsg_sdp_check(),
 * write back, parse again. The results stay valid until the next call. */
enum verdict pipeline_check_sdp(struct pipeline *p, const uint8_t *data, size_t len);

/* Every diagnostic of the last check, in order. */
size_t pipeline_diag_count(const struct pipeline *p);
void pipeline_diag_at(const struct pipeline *p, size_t i, struct report_diag *out);

/* The diagnostic that explains the verdict (the first error for FAIL, the
 * first warning for WARN). Returns false for OK. */
bool pipeline_reason(const struct pipeline *p, struct report_diag *out);

#endif
