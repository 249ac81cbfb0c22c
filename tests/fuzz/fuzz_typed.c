/* SPDX-License-Identifier: MIT */
/* Typed views of a parsed message: every header family's parser, the
 * Request-URI, the RFC 3261 checks, the multipart body and SDP bodies.
 * FUZZ_OPT_BYTES option bytes (fuzz.h), then the message. Checked: every
 * call returns a status its contract allows; the value count of each line
 * matches what each value read and what the per-id accessors count; after
 * all of it the message still satisfies every parse invariant (diagnostics
 * added by typed parsing and checks included, their positions recounted). */
#include "fuzz.h"

#include <string.h>

static bool ok_or_oom(sipmsg_status st, const struct fuzz_parse *fp)
{
	return st == SIPMSG_OK || (st == SIPMSG_ENOMEM && fp->fail_alloc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	struct fuzz_parse fp;
	fuzz_take_parse_opts(&in, &fp);
	sipmsg_msg *m;
	if (fuzz_parse_checked(in.p, in.n, &fp, &m) != SIPMSG_OK) {
		fuzz_parse_done(&fp);
		return 0;
	}
	size_t count = sipmsg_header_count(m);
	size_t per_id[SIPMSG_HDR_COUNT_] = {0};
	bool oom = false;
	for (size_t i = 0; i < count; i++) {
		size_t values = 99;
		sipmsg_status st = sipmsg_header_parse(m, i, &values);
		FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_ESYNTAX || (st == SIPMSG_ENOMEM && fp.fail_alloc),
			   "header_parse(%zu): %s", i, sipmsg_status_name(st));
		if (st == SIPMSG_ENOMEM) {
			oom = true;
			continue;
		}
		sipmsg_header h;
		sipmsg_header_at(m, i, &h);
		if (st == SIPMSG_ESYNTAX)
			FUZZ_CHECK(values == 0 && (h.flags & SIPMSG_HEADER_BAD), "a bad line %zu with %zu values", i, values);
		for (size_t j = 0; j < values; j++) {
			sipmsg_typed t;
			st = sipmsg_header_value(m, i, j, &t);
			FUZZ_CHECK(ok_or_oom(st, &fp), "header_value(%zu, %zu of %zu): %s", i, j, values,
				   sipmsg_status_name(st));
		}
		sipmsg_typed t;
		if (values)
			FUZZ_CHECK(sipmsg_header_value(m, i, values, &t) != SIPMSG_OK, "value past the end of line %zu", i);
		if (h.id)
			per_id[h.id] += values;
	}
	if (!oom)
		for (int id = 1; id < SIPMSG_HDR_COUNT_; id++) {
			size_t n = sipmsg_typed_count(m, (sipmsg_hdr_id)id);
			FUZZ_CHECK(n == per_id[id], "typed_count(%s) %zu, lines say %zu", sipmsg_hdr_name((sipmsg_hdr_id)id),
				   n, per_id[id]);
			for (size_t k = 0; k < n; k++) {
				sipmsg_typed t;
				FUZZ_CHECK(ok_or_oom(sipmsg_typed_at(m, (sipmsg_hdr_id)id, k, &t), &fp), "typed_at(%d, %zu)",
					   id, k);
			}
		}
	sipmsg_msg_parse_all(m);
	(void)sipmsg_msg_call_id(m);
	(void)sipmsg_msg_cseq(m);
	(void)sipmsg_msg_from(m);
	(void)sipmsg_msg_to(m);
	(void)sipmsg_msg_content_type(m);
	(void)sipmsg_msg_request_uri_parsed(m);
	for (size_t k = 0; k < 3; k++) {
		(void)sipmsg_msg_via(m, k);
		(void)sipmsg_msg_contact(m, k);
	}
	sipmsg_status st = sipmsg_msg_check(m);
	FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_ESYNTAX || (st == SIPMSG_ENOMEM && fp.fail_alloc), "check: %s",
		   sipmsg_status_name(st));

	const sipmsg_multipart *mp;
	st = sipmsg_msg_multipart(m, &mp);
	FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_ESTATE || st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT ||
			   (st == SIPMSG_ENOMEM && fp.fail_alloc),
		   "multipart: %s", sipmsg_status_name(st));
	if (st == SIPMSG_OK)
		for (size_t i = 0; i < mp->part_count; i++) {
			sipmsg_sdp *sdp;
			(void)sipmsg_mime_part_sdp(m, &mp->parts[i], &sdp, NULL);
		}
	sipmsg_sdp *sdp;
	sipmsg_error err;
	st = sipmsg_msg_sdp(m, &sdp, &err);
	if (st == SIPMSG_OK)
		(void)sipmsg_sdp_check(sdp);

	/* reading never changes what the parse established */
	fuzz_check_message(m, in.p, in.n, &fp.opts);
	sipmsg_msg_free(m);
	fuzz_parse_done(&fp);
	return 0;
}
