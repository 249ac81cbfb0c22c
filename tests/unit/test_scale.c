/* SPDX-License-Identifier: MIT */
/* Cost grows linearly with the size of hostile input: for each shape of
 * input, the work at size 10N is compared with the work at size N. Linear
 * work gives a ratio near 10, quadratic work near 100; the bound is 35.
 *
 * This is a hang guard, never a performance assertion. Work is measured as
 * CPU time of this process (no hardware counters in the VMs this runs on),
 * the smallest of five runs for each size, so only the ratio of two
 * measurements in one process matters, whatever the machine, the build type
 * or the sanitizer. Fresh pages cost page faults that can dwarf cheap
 * linear work, and glibc serves small inputs from warm heap but large ones
 * from new mappings: so malloc is told to keep everything in the heap, and
 * only the best of five runs (warm memory) counts. */
#include <criterion/criterion.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RATIO_BOUND 35.0

struct input {
	char *p;
	size_t n, cap;
	size_t count; /* the N the shape was built for */
};

static void put(struct input *in, const char *s, size_t n)
{
	if (in->n + n + 1 > in->cap) {
		in->cap = (in->n + n + 1) * 2;
		in->p = realloc(in->p, in->cap);
		cr_assert_not_null(in->p);
	}
	memcpy(in->p + in->n, s, n);
	in->n += n;
}

static void puts_(struct input *in, const char *s) { put(in, s, strlen(s)); }

static void fill(struct input *in, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(in, &c, 1);
}

typedef void (*build_fn)(struct input *in, size_t n);
typedef void (*run_fn)(const struct input *in);

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void warm_heap(void)
{
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
	mallopt(M_MMAP_THRESHOLD, 1 << 30);
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

static double cost(build_fn build, run_fn run, size_t n)
{
	warm_heap();
	struct input in = {0};
	in.count = n;
	build(&in, n);
	double best = 1e9;
	for (int k = 0; k < 5; k++) {
		double t0 = cpu_seconds();
		run(&in);
		double t = cpu_seconds() - t0;
		if (t < best)
			best = t;
	}
	free(in.p);
	return best > 1e-7 ? best : 1e-7;
}

static void linear(const char *what, build_fn build, run_fn run, size_t n)
{
	double a = cost(build, run, n), b = cost(build, run, 10 * n);
	double ratio = b / a;
	cr_log_info("%s: N=%zu %.6fs, 10N %.6fs, ratio %.1f", what, n, a, b, ratio);
	cr_expect_lt(ratio, RATIO_BOUND, "%s: 10x the input costs %.1fx the work (N=%zu: %.6fs, 10N: %.6fs)", what,
		     ratio, n, a, b);
}

/* Lenient parse with every limit out of the way. */
static sipmsg_msg *parse_all(const struct input *in, uint32_t flags)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= flags;
	o.max_message_size = in->n;
	o.max_headers = in->n;
	o.max_line_length = in->n;
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	sipmsg_status st = sipmsg_parse(in->p, in->n, &o, &m, &err);
	cr_assert_eq(st, SIPMSG_OK, "%s", err.reason);
	return m;
}

static void run_parse(const struct input *in) { sipmsg_msg_free(parse_all(in, 0)); }

static void b_headers(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\n");
	for (size_t i = 0; i < n; i++) {
		char line[48];
		snprintf(line, sizeof line, i & 1 ? "X-H-%zu: v\r\n" : "Via: SIP/2.0/UDP h%zu\r\n", i);
		puts_(in, line);
	}
	puts_(in, "\r\n");
}

static void b_long_value(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\nSubject: ");
	fill(in, 'v', n);
	puts_(in, "\r\n\r\n");
}

static void b_body(struct input *in, size_t n)
{
	char head[96];
	snprintf(head, sizeof head, "MESSAGE sip:x SIP/2.0\r\nContent-Length: %zu\r\n\r\n", n);
	puts_(in, head);
	fill(in, 'b', n);
}

/* every byte of a value a control character: one diagnostic each */
static void b_ctl(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\nSubject: ");
	fill(in, '\x01', n);
	puts_(in, "\r\n\r\n");
}

/* many headers, each with a control character (each a diagnostic) */
static void b_ctl_lines(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\n");
	for (size_t i = 0; i < n; i++)
		puts_(in, "X-C: a\x02z\r\n");
	puts_(in, "\r\n");
}

static void b_bare_lf(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\n");
	for (size_t i = 0; i < n; i++)
		puts_(in, "X-L: v\n");
	puts_(in, "\n");
}

static void b_lone_cr(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\n");
	for (size_t i = 0; i < n; i++)
		puts_(in, "X-R: a\rb\r\n");
	puts_(in, "\r\n");
}

static void b_folded(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\nSubject: a");
	for (size_t i = 0; i < n; i++)
		puts_(in, "\r\n b");
	puts_(in, "\r\n\r\n");
}

static void b_bad_lines(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\n");
	for (size_t i = 0; i < n; i++)
		puts_(in, i & 1 ? "no colon here\r\n" : "Bad Name: v\r\n");
	puts_(in, "\r\n");
}

static void b_list(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\nContact: ");
	for (size_t i = 0; i < n; i++)
		puts_(in, i ? ", <sip:a@b;q=\"x,y\">" : "<sip:a@b>");
	puts_(in, "\r\n\r\n");
}

static void b_keepalives(struct input *in, size_t n)
{
	fill(in, '\n', n);
	puts_(in, "OPTIONS sip:x SIP/2.0\r\nl: 0\r\n\r\n");
}

Test(scale, parse_is_linear)
{
	linear("headers", b_headers, run_parse, 20000);
	linear("long value", b_long_value, run_parse, 200000);
	linear("body", b_body, run_parse, 200000);
	linear("control characters in one value", b_ctl, run_parse, 20000);
	linear("control characters on many lines", b_ctl_lines, run_parse, 20000);
	linear("bare LF lines", b_bare_lf, run_parse, 20000);
	linear("lone CRs", b_lone_cr, run_parse, 20000);
	linear("folded lines", b_folded, run_parse, 20000);
	linear("bad lines", b_bad_lines, run_parse, 20000);
	linear("leading line ends", b_keepalives, run_parse, 200000);
}

/* Diagnostics for control characters: one per line however many there are,
 * so a value of them does not cost a record (56 bytes) per byte. */
Test(scale, diagnostics_per_line_not_per_byte)
{
	for (size_t n = 1000; n <= 100000; n *= 100) {
		struct input in = {0};
		puts_(&in, "OPTIONS sip:x SIP/2.0\r\nSubject: a\x01");
		fill(&in, '\x02', n);
		puts_(&in, "\r\n\tfolded\x7f\r\nX-Two: \x03\x03\r\n\r\n");
		sipmsg_msg *m = parse_all(&in, 0);
		size_t ctl = 0;
		for (size_t i = 0; i < sipmsg_msg_diag_count(m); i++) {
			const sipmsg_diag *d = sipmsg_msg_diag_at(m, i);
			if (d->code == SIPMSG_DIAG_CTL_IN_VALUE)
				ctl++;
		}
		cr_assert_eq(ctl, 2, "%zu control characters: %zu diagnostics", n, ctl);
		cr_assert_eq(sipmsg_msg_diag_at(m, 0)->column, 11, "the first one on the line is reported");
		sipmsg_msg_free(m);
		free(in.p);
	}
}

static void run_values(const struct input *in)
{
	sipmsg_msg *m = parse_all(in, 0);
	sipmsg_value_iter it;
	sipmsg_slice v;
	size_t n = 0;
	sipmsg_values_begin_id(&it, m, SIPMSG_HDR_CONTACT);
	while (sipmsg_values_next(&it, &v))
		n++;
	cr_assert_eq(n, in->count);
	sipmsg_msg_free(m);
}

static void run_write_edited(const struct input *in)
{
	sipmsg_msg *m = parse_all(in, 0);
	cr_assert_eq(sipmsg_header_insert(m, 0, "X-New", 5, "1", 1), SIPMSG_OK);
	char *out;
	size_t len;
	cr_assert_eq(sipmsg_write_alloc(m, SIPMSG_WRITE_CANONICAL, &out, &len), SIPMSG_OK);
	free(out);
	sipmsg_msg_free(m);
}

static void run_remove_all(const struct input *in)
{
	sipmsg_msg *m = parse_all(in, 0);
	cr_assert_eq(sipmsg_header_remove_all(m, "Via", 3), (in->count + 1) / 2);
	sipmsg_msg_free(m);
}

static void run_set(const struct input *in)
{
	sipmsg_msg *m = parse_all(in, 0);
	cr_assert_eq(sipmsg_header_set(m, "v", 1, "SIP/2.0/UDP one", 15), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count_id(m, SIPMSG_HDR_VIA), 1);
	sipmsg_msg_free(m);
}

static void run_clone(const struct input *in)
{
	sipmsg_msg *m = parse_all(in, 0), *c;
	cr_assert_eq(sipmsg_msg_clone(m, &c), SIPMSG_OK);
	sipmsg_msg_free(c);
	sipmsg_msg_free(m);
}

Test(scale, reading_writing_editing_are_linear)
{
	linear("values of one list header", b_list, run_values, 20000);
	linear("write after an edit", b_headers, run_write_edited, 20000);
	linear("remove every Via", b_headers, run_remove_all, 20000);
	linear("set Via over every Via", b_headers, run_set, 20000);
	linear("clone", b_headers, run_clone, 20000);
}

/* The framer fed one byte at a time resumes where it stopped. */
static void run_frame_bytewise(const struct input *in)
{
	sipmsg_framer f;
	sipmsg_framer_init(&f, in->n);
	size_t skip, len;
	sipmsg_status st = SIPMSG_EAGAIN;
	for (size_t have = 1; have <= in->n && st == SIPMSG_EAGAIN; have++)
		st = sipmsg_framer_next(&f, in->p, have, &skip, &len, NULL);
	cr_assert_eq(st, SIPMSG_OK);
}

static void b_stream_headers(struct input *in, size_t n)
{
	b_headers(in, n);
	in->n -= 2;
	puts_(in, "Content-Length: 0\r\n\r\n");
}

static void b_stream_long(struct input *in, size_t n)
{
	puts_(in, "OPTIONS sip:x SIP/2.0\r\nl: 0\r\nSubject: ");
	fill(in, 'v', n);
	puts_(in, "\r\n\r\n");
}

Test(scale, framing_is_linear)
{
	linear("framer byte by byte", b_stream_headers, run_frame_bytewise, 5000);
	linear("framer byte by byte, long line", b_stream_long, run_frame_bytewise, 50000);
}

/* ---- SDP: 10k media sections, attributes, formats */

static void b_sdp_media(struct input *in, size_t n)
{
	puts_(in, "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n");
	for (size_t i = 0; i < n; i++)
		puts_(in, "m=audio 49170 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n");
}

static void run_sdp(const struct input *in)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_sdp_lines = in->n;
	sipmsg_sdp *sdp = NULL;
	sipmsg_error err;
	cr_assert_eq(sipmsg_sdp_parse(in->p, in->n, &o, &sdp, &err), SIPMSG_OK, "%s", err.reason);
	cr_assert_eq(sipmsg_sdp_media_count(sdp), in->count);
	sipmsg_sdp_check(sdp);
	cr_assert_eq(sipmsg_sdp_error_count(sdp), 0);
	sipmsg_sdp_free(sdp);
}

static void b_sdp_sized(struct input *in, size_t n)
{
	b_sdp_media(in, n);
	in->count = n;
}

Test(scale, sdp_media_sections_are_linear)
{
	linear("SDP media sections (parse + check)", b_sdp_sized, run_sdp, 1000);
	struct input in = {0};
	b_sdp_sized(&in, 10000);
	run_sdp(&in); /* 10k media sections: parses, every one counted, no error */
	free(in.p);
}

/* ---- multipart: deep nesting is refused at the limit; many parts are linear */

static void nested_body(struct input *in, size_t depth)
{
	char line[96];
	for (size_t k = 0; k < depth; k++) {
		snprintf(line, sizeof line, "--b%05zu\r\nContent-Type: multipart/mixed;boundary=b%05zu\r\n\r\n", k, k + 1);
		puts_(in, line);
	}
	snprintf(line, sizeof line, "--b%05zu\r\nContent-Type: text/plain\r\n\r\nx\r\n--b%05zu--\r\n", depth, depth);
	puts_(in, line);
	for (size_t k = depth; k-- > 0;) {
		snprintf(line, sizeof line, "\r\n--b%05zu--\r\n", k);
		puts_(in, line);
	}
}

Test(scale, deep_multipart_nesting_is_refused)
{
	struct input in = {0};
	nested_body(&in, 10000);
	sipmsg_arena *a = sipmsg_arena_new(NULL, 0);
	sipmsg_multipart mp;
	sipmsg_error err;
	cr_assert_eq(sipmsg_multipart_parse(in.p, in.n, "b00000", 6, a, NULL, &mp, &err), SIPMSG_ELIMIT,
		     "10000 levels against the default limit of %u", SIPMSG_DEFAULT_MAX_MULTIPART_DEPTH);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_MULTIPART_DEPTH);
	sipmsg_arena_reset(a);
	/* at the limit it splits, one level one past it is refused */
	struct input edge = {0};
	nested_body(&edge, SIPMSG_DEFAULT_MAX_MULTIPART_DEPTH - 1);
	cr_assert_eq(sipmsg_multipart_parse(edge.p, edge.n, "b00000", 6, a, NULL, &mp, &err), SIPMSG_OK, "%s", err.reason);
	free(edge.p);
	edge = (struct input){0};
	nested_body(&edge, SIPMSG_DEFAULT_MAX_MULTIPART_DEPTH);
	cr_assert_eq(sipmsg_multipart_parse(edge.p, edge.n, "b00000", 6, a, NULL, &mp, &err), SIPMSG_ELIMIT);
	free(edge.p);
	free(in.p);
	sipmsg_arena_free(a);
}

static void b_many_parts(struct input *in, size_t n)
{
	for (size_t i = 0; i < n; i++)
		puts_(in, "--sep\r\nContent-Type: text/plain\r\n\r\nsome text of a part\r\n");
	puts_(in, "--sep--\r\n");
	in->count = n;
}

static void run_multipart(const struct input *in)
{
	sipmsg_arena *a = sipmsg_arena_new(NULL, 0);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_list_items = in->count + 1;
	sipmsg_multipart mp;
	sipmsg_error err;
	cr_assert_eq(sipmsg_multipart_parse(in->p, in->n, "sep", 3, a, &o, &mp, &err), SIPMSG_OK, "%s", err.reason);
	cr_assert_eq(mp.part_count, in->count);
	sipmsg_arena_free(a);
}

Test(scale, multipart_parts_are_linear)
{
	linear("multipart parts", b_many_parts, run_multipart, 20000);
}
