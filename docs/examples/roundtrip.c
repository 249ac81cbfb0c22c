/* SPDX-License-Identifier: MIT */
/* Example: parse each file as one SIP message, write it back and check the
 * bytes are identical; print one line per message and a summary.
 * Usage: roundtrip FILE...  (exit 0 when every message round-tripped) */
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = buf ? (size_t)n : 0;
	return buf;
}

int main(int argc, char **argv)
{
	int ok = 0, failed = 0;
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *data = slurp(argv[i], &len);
		if (!data) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			return 2;
		}
		sipmsg_msg *msg;
		sipmsg_error err;
		if (sipmsg_parse(data, len, NULL, &msg, &err) != SIPMSG_OK) {
			char why[256];
			sipmsg_error_format(&err, why, sizeof why);
			printf("FAIL %s: %s\n", argv[i], why);
			failed++;
			free(data);
			continue;
		}
		char *out;
		size_t n;
		sipmsg_write_alloc(msg, 0, &out, &n);
		bool same = n == sipmsg_msg_length(msg) && memcmp(out, data, n) == 0;
		sipmsg_slice start = sipmsg_msg_is_request(msg) ? sipmsg_msg_method(msg) : sipmsg_msg_reason(msg);
		printf("%-4s %-40s %s %.*s, %zu headers, %zu-byte body, %zu diagnostics\n", same ? "OK" : "FAIL",
		       argv[i], sipmsg_msg_is_request(msg) ? "request" : "response", (int)start.len, start.ptr,
		       sipmsg_header_count(msg), sipmsg_msg_body(msg).len, sipmsg_msg_diag_count(msg));
		same ? ok++ : failed++;
		sipmsg_free(out);
		sipmsg_msg_free(msg);
		free(data);
	}
	printf("%d messages: %d round-tripped byte for byte, %d failed\n", ok + failed, ok, failed);
	return failed ? 1 : 0;
}
