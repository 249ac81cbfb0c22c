/* SPDX-License-Identifier: MIT */
/* The benchmark harness: what a library's file provides (a table of cases,
 * one per phase) and the few helpers the harness offers them.
 *
 * A case is one (library, phase): setup() prepares whatever the phase starts
 * from (a parsed message for the write phases, the header list for the build
 * phase, ...) outside the measurement; run() does the measured operation once
 * and returns a number derived from its result, which the harness folds into
 * a sink so that nothing is optimised away; teardown() releases the state.
 * A case with `na` set does not apply to that library and says why. */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The phases, in the order the table prints them. */
enum bench_phase {
	BP_FRAME,       /* stream framing: find the end of the message in a buffer */
	BP_PARSE,       /* SIP parse: start line, headers located and identified, hot headers parsed */
	BP_TYPED,       /* full typed read: every header of the message read typed (+ its SDP) */
	BP_SDP_PARSE,   /* SDP parse of the message body */
	BP_SDP_WRITE,   /* SDP write of a parsed body */
	BP_WRITE,       /* serialization of an untouched parsed message */
	BP_EDIT_WRITE,  /* replace the Call-ID value, then serialize */
	BP_BUILD_WRITE, /* build the message from its parts (start line, headers, body), then serialize */
	BP_COUNT
};

/* One benchmark message, loaded once. */
struct bench_input {
	char name[64];       /* file name without .sip ("a_invite") or a generated name */
	char *data;          /* the message bytes (NUL after the last byte, not counted) */
	size_t len;
	/* what the parts-based phases start from, found with libsipmsg at load time */
	bool is_request;
	char *method, *uri;  /* NUL-terminated copies (requests) */
	int status;          /* responses */
	char *reason;        /* NUL-terminated copy (responses) */
	size_t nheaders;     /* header lines, Content-Length excluded (the builders compute it) */
	char **hname, **hvalue;
	char *call_id;       /* the Call-ID value as received */
	char *ctype;         /* Content-Type value or NULL */
	char *body;          /* NUL-terminated copy of the body, or NULL when there is none */
	size_t body_len;
	bool sdp;            /* the body is application/sdp */
};

struct bench_case {
	enum bench_phase phase;
	const char *variant; /* NULL, or what sets this row apart ("reused arena") */
	const char *na;      /* not NULL: the phase does not apply to the library, and why */
	/* NULL when the phase does not apply to this message (e.g. SDP phases without a body) */
	void *(*setup)(const struct bench_input *in);
	long (*run)(void *state);
	void (*teardown)(void *state);
};

struct bench_impl {
	const char *lib;     /* "libsipmsg", "oSIP", "Sofia-SIP", "libre" */
	const char *(*version)(void);
	bool peer;           /* counts for "fastest peer" */
	void (*init)(void);  /* once, before any case (NULL: nothing) */
	const struct bench_case *cases;
	size_t ncases;
};

#define BENCH_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation counters kept by the malloc wrapper in bench_alloc.c. */
uint64_t bench_alloc_count(void);

/* Abort the run with a message: a case whose setup finds the library
 * producing something wrong (the harness must not time garbage). */
void bench_fail(const char *lib, const char *what, const struct bench_input *in);

/* Check that bytes some library wrote are a SIP message carrying the given
 * Call-ID and body length (parsed back with libsipmsg). false: not so. */
bool bench_check_sip(const char *bytes, size_t len, const char *call_id, size_t body_len);

/* The new Call-ID value the edit phase sets (two alternate, so that each
 * edit changes something). */
const char *bench_edit_callid(unsigned i);

const char *bench_phase_name(enum bench_phase p);

#endif
