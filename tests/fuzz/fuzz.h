/* SPDX-License-Identifier: MIT */
/* Shared by every fuzz target: the libFuzzer entry point, a check that
 * aborts (so both libFuzzer and the standalone driver report it), a reader
 * that takes option bytes off the front of the input, and the parse options
 * those bytes choose (llhttp's fuzzer does the same with its first bytes). */
#ifndef SIPMSG_FUZZ_H
#define SIPMSG_FUZZ_H

#include <sipmsg/sipmsg.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with the file, line, the condition and a formatted note. */
#define FUZZ_CHECK(cond, ...)                                                                   \
	do {                                                                                    \
		if (!(cond))                                                                    \
			fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);                      \
	} while (0)

void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((noreturn, format(printf, 4, 5)))
#endif
	;

/* The input seen as option bytes then payload. Reading past the end gives 0. */
struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

uint8_t fuzz_u8(struct fuzz_in *in);
uint16_t fuzz_u16(struct fuzz_in *in);

/* A malloc/free allocator that counts and can fail the fail_at-th call (1-based;
 * 0 never fails). frees == allocs - failed once everything is released. */
struct fuzz_alloc {
	size_t allocs, frees, failed;
	size_t fail_at;
	sipmsg_allocator al;
};
void fuzz_alloc_init(struct fuzz_alloc *a, size_t fail_at);
/* Everything that was handed out was given back. */
void fuzz_alloc_check_balanced(const struct fuzz_alloc *a, const char *what);

/* Bytes fuzz_take_parse_opts() always consumes, so that a payload starts at a
 * fixed offset (seeds are written with this prefix; see gen_seeds.py). */
#define FUZZ_OPT_BYTES 6

/* Byte 0 (mode bits) */
#define FUZZ_M_STRICT 0x01u   /* SIPMSG_PARSE_STRICT */
#define FUZZ_M_STREAM 0x02u   /* SIPMSG_PARSE_STREAM */
#define FUZZ_M_COPY 0x04u     /* SIPMSG_PARSE_COPY */
#define FUZZ_M_ARENA 0x08u    /* parse into a caller arena with a tiny first block */
#define FUZZ_M_LIMITS 0x10u   /* small limits from bytes 2..4 */
#define FUZZ_M_MBV_NONE 0x20u /* empty must_be_valid set */
#define FUZZ_M_MBV_ALL 0x40u  /* every known header must be valid */
#define FUZZ_M_FAILALLOC 0x80u /* the allocator fails at the call byte 5 names */
/* Byte 1: leniency flags to turn OFF (0 keeps the default: all on).
 * Bytes 2, 3, 4 with FUZZ_M_LIMITS: max_message_size = b2 * 16,
 * max_headers = b3, max_line_length = b4 * 4.
 * Byte 5 with FUZZ_M_FAILALLOC: the allocation that fails (1 + b5). */

/* What the option bytes chose. The arena (if any) is the caller's to free. */
struct fuzz_parse {
	sipmsg_parse_opts opts;
	struct fuzz_alloc alloc;
	bool fail_alloc;
	sipmsg_arena *arena;
};

void fuzz_take_parse_opts(struct fuzz_in *in, struct fuzz_parse *fp);
/* Release the caller arena (if any) and check the allocator balanced. */
void fuzz_parse_done(struct fuzz_parse *fp);

/* Parse with fp's options and check what every parse must satisfy: the status
 * is one the API promises, the error record agrees with it (position
 * recomputed independently), an allocation failure gives ENOMEM. On success
 * every accessor is exercised and checked against the input (see fuzz.c). */
sipmsg_status fuzz_parse_checked(const uint8_t *data, size_t len, struct fuzz_parse *fp, sipmsg_msg **out);

/* Independent of the library: an RFC 3261 token (a header name, a method);
 * what a header value may hold (no control character but HTAB). */
bool fuzz_is_token(const char *p, size_t n);
bool fuzz_is_text(const char *p, size_t n);

/* s without SP, HTAB, CR and LF at its ends (as a parse gives a value). */
sipmsg_slice fuzz_trim(sipmsg_slice s);

/* Options to parse again an SDP of len bytes that was written: no limit
 * can refuse it. */
void fuzz_sdp_reparse_opts(sipmsg_parse_opts *o, size_t len);

/* A limit option as the library applies it: 0 means its default. */
size_t fuzz_limit(size_t v, size_t dflt);

/* The checks on a successfully parsed message (used by fuzz_parse_checked). */
void fuzz_check_message(const sipmsg_msg *m, const uint8_t *data, size_t len, const sipmsg_parse_opts *o);

/* Line and column (1-based, bytes) of offset, counted here independently of the library. */
void fuzz_position(const uint8_t *data, size_t len, size_t offset, uint32_t *line, uint32_t *column);

/* Do two values say the same once line folding is undone? Every run of SP,
 * HTAB, CR and LF that holds a CR or LF counts as one SP; runs of only SP and
 * HTAB must match exactly. */
bool fuzz_same_unfolded(sipmsg_slice a, sipmsg_slice b);

/* Options that accept anything a write can produce: lenient, no
 * must-be-valid headers, generous limits. */
void fuzz_reparse_opts(sipmsg_parse_opts *o, size_t len, size_t headers);

#endif
