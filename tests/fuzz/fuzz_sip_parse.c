/* SPDX-License-Identifier: MIT */
/* SIP parse: the first FUZZ_OPT_BYTES bytes choose strict or lenient mode,
 * stream or datagram, the leniency flags, small limits, a caller arena and a
 * failing allocator (see fuzz.h); the rest is the message. Every parse is
 * checked (fuzz_parse_checked), and a message that strict mode accepts must
 * also be accepted, with the same shape, in lenient mode. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	struct fuzz_parse fp;
	fuzz_take_parse_opts(&in, &fp);
	sipmsg_msg *m;
	sipmsg_status st = fuzz_parse_checked(in.p, in.n, &fp, &m);
	if (st == SIPMSG_OK && (fp.opts.flags & SIPMSG_PARSE_STRICT)) {
		sipmsg_parse_opts lo = fp.opts;
		lo.flags &= ~(uint32_t)SIPMSG_PARSE_STRICT;
		lo.lenient = SIPMSG_LENIENT_ALL;
		lo.arena = NULL;
		lo.allocator = NULL;
		sipmsg_msg *l = NULL;
		sipmsg_error err;
		st = sipmsg_parse(in.p, in.n, &lo, &l, &err);
		FUZZ_CHECK(st == SIPMSG_OK, "strict accepts, lenient says %s: %s", sipmsg_status_name(st), err.reason);
		FUZZ_CHECK(sipmsg_msg_length(l) == sipmsg_msg_length(m) &&
				   sipmsg_header_count(l) == sipmsg_header_count(m),
			   "strict and lenient parses differ");
		sipmsg_msg_free(l);
	}
	sipmsg_msg_free(m);
	fuzz_parse_done(&fp);
	return 0;
}
