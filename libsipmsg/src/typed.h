/* SPDX-License-Identifier: MIT */
/* The contract between the typed-view dispatcher (typed.c) and the parsers of
 * each grammar (one kind per row of SIPMSG_HEADER_TABLE). */
#ifndef SM_TYPED_H
#define SM_TYPED_H

#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

/* What a kind parser gets besides the value. */
struct sm_tctx {
	sipmsg_msg *m;
	size_t index;     /* header index, for diagnostics */
	sipmsg_hdr_id id; /* which header (some grammars vary by header) */
};

/* Parse p[0..n) (the trimmed value, possibly with folding) into a view
 * allocated in t->m->arena. On a grammar error: add a diagnostic with the
 * position (sm_typed_bad) and return SIPMSG_ESYNTAX. ENOMEM as is. */
typedef sipmsg_status (*sm_kind_parse_fn)(struct sm_tctx *t, const char *p, size_t n, void **view);

sipmsg_status sm_typed_bad(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *msg);
sipmsg_status sm_typed_badf(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* The view of SIPMSG_KIND_UINT headers. */
struct sipmsg_uint_view {
	uint64_t value;
};

#endif
