/* SPDX-License-Identifier: MIT */
/* Seeded property tests (deterministic: fixed seeds, no clock):
 *  - random SDPs built from parts through the API write, re-parse to the same
 *    lines, and every typed value writes back to the text it was built from;
 *  - random SDP texts (CRLF, LF, mixed) write back byte for byte, and writing
 *    is idempotent;
 *  - random damage to valid SDPs (cut, flipped and inserted bytes) never
 *    crashes, never reads past the input, and what parses writes back
 *    byte for byte. */
#include "sdp_helpers.h"

TestSuite(sdp_property, .fini = sdp_teardown);

static uint64_t rng;

static uint64_t next(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static unsigned pick(unsigned n) { return (unsigned)(next() % n); }

struct part {
	char name[32];
	char value[256];
	bool flag;
	sipmsg_sdp_attr_id id;
};

static const char *const encodings[] = {"opus", "PCMU", "PCMA", "VP8", "H264", "telephone-event", "rtx"};
static const char *const fbtypes[] = {"nack", "nack pli", "ccm fir", "goog-remb", "transport-cc"};
static const char *const ctypes[] = {"host", "srflx", "relay", "prflx"};

/* One random attribute in its canonical form (what the formatters write). */
static void random_attr(struct part *p, bool media)
{
	p->flag = false;
	unsigned kind = media ? pick(14) : 10 + pick(4);
	switch (kind) {
	case 0:
		strcpy(p->name, "rtpmap");
		if (pick(2))
			snprintf(p->value, sizeof p->value, "%u %s/%u/%u", pick(128), encodings[pick(7)],
				 8000u * (1 + pick(12)), 1 + pick(2));
		else
			snprintf(p->value, sizeof p->value, "%u %s/%u", pick(128), encodings[pick(7)], 90000u);
		break;
	case 1:
		strcpy(p->name, "fmtp");
		snprintf(p->value, sizeof p->value, "%u minptime=%u;useinbandfec=%u;apt=%u", pick(128), pick(40),
			 pick(2), pick(128));
		break;
	case 2:
		strcpy(p->name, "rtcp-fb");
		if (pick(3) == 0)
			snprintf(p->value, sizeof p->value, "* trr-int %u", pick(1000));
		else
			snprintf(p->value, sizeof p->value, "%u %s", pick(128), fbtypes[pick(5)]);
		break;
	case 3:
		strcpy(p->name, "candidate");
		if (pick(2))
			snprintf(p->value, sizeof p->value, "%u %u udp %u 192.0.2.%u %u typ %s generation %u network-id %u",
				 (unsigned)(next() % 4000000000u), 1 + pick(2), (unsigned)(next() % 2147483648u),
				 pick(256), pick(65536), ctypes[pick(4)], pick(3), pick(5));
		else
			snprintf(p->value, sizeof p->value,
				 "%u 1 tcp %u 2001:db8::%x %u typ srflx raddr 10.0.0.%u rport %u tcptype passive ufrag u%u",
				 pick(100000), pick(100000), pick(65536), pick(65536), pick(256), pick(65536), pick(999));
		break;
	case 4:
		strcpy(p->name, "extmap");
		snprintf(p->value, sizeof p->value, "%u%s urn:ietf:params:rtp-hdrext:x%u", 1 + pick(14),
			 pick(2) ? "/sendonly" : "", pick(100));
		break;
	case 5:
		strcpy(p->name, "ssrc");
		snprintf(p->value, sizeof p->value, "%u cname:c%u", (unsigned)(next() & 0xffffffffu), pick(1000));
		break;
	case 6:
		strcpy(p->name, "ssrc-group");
		snprintf(p->value, sizeof p->value, "FID %u %u", (unsigned)(next() & 0xffffffffu),
			 (unsigned)(next() & 0xffffffffu));
		break;
	case 7:
		strcpy(p->name, "rid");
		snprintf(p->value, sizeof p->value, "r%u %s pt=%u,%u;max-width=%u", pick(9), pick(2) ? "send" : "recv",
			 pick(128), pick(128), 160 * (1 + pick(8)));
		break;
	case 8:
		strcpy(p->name, "simulcast");
		snprintf(p->value, sizeof p->value, "send r1,~r2;r3 recv r%u", pick(9));
		break;
	case 9:
		strcpy(p->name, "crypto");
		snprintf(p->value, sizeof p->value, "%u AES_CM_128_HMAC_SHA1_80 inline:%08x%08x|2^20|%u:4", 1 + pick(9),
			 (unsigned)next(), (unsigned)next(), 1 + pick(9));
		break;
	case 10:
		strcpy(p->name, "group");
		snprintf(p->value, sizeof p->value, "BUNDLE m%u m%u", pick(4), pick(4));
		break;
	case 11:
		strcpy(p->name, "fingerprint");
		snprintf(p->value, sizeof p->value, "sha-256 %02X:%02X:%02X:%02X", pick(256), pick(256), pick(256),
			 pick(256));
		break;
	case 12:
		strcpy(p->name, "x-unknown");
		snprintf(p->value, sizeof p->value, "%u free text  with  spaces", pick(1000));
		break;
	default: {
		static const char *const flags[] = {"sendrecv", "rtcp-mux", "ice-lite", "extmap-allow-mixed",
						    "end-of-candidates", "x-flag"};
		strcpy(p->name, flags[pick(6)]);
		p->flag = true;
		p->value[0] = '\0';
		break;
	}
	}
	p->id = sipmsg_sdp_attr_lookup(p->name, strlen(p->name));
}

/* The typed view of line i written back with its formatter, when it has one. */
static bool typed_text(const sipmsg_sdp_section *s, size_t i, sipmsg_sdp_attr_id id, char *buf, size_t size)
{
	union {
		sipmsg_sdp_rtpmap r;
		sipmsg_sdp_fmtp f;
		sipmsg_sdp_rtcp_fb fb;
		sipmsg_sdp_candidate c;
		sipmsg_sdp_extmap e;
		sipmsg_sdp_ssrc ss;
		sipmsg_sdp_ssrc_group sg;
		sipmsg_sdp_rid rid;
		sipmsg_sdp_simulcast sc;
		sipmsg_sdp_crypto cr;
		sipmsg_sdp_group g;
		sipmsg_sdp_fingerprint fp;
	} u;
#define VIEW(ID, get, fmt, field) \
	case ID: \
		cr_assert_eq(get(s, i, &u.field), SIPMSG_OK, "line %zu", i); \
		fmt(&u.field, buf, size); \
		return true;
	switch (id) {
		VIEW(SIPMSG_SDP_ATTR_RTPMAP, sipmsg_sdp_get_rtpmap, sipmsg_sdp_format_rtpmap, r)
		VIEW(SIPMSG_SDP_ATTR_FMTP, sipmsg_sdp_get_fmtp, sipmsg_sdp_format_fmtp, f)
		VIEW(SIPMSG_SDP_ATTR_RTCP_FB, sipmsg_sdp_get_rtcp_fb, sipmsg_sdp_format_rtcp_fb, fb)
		VIEW(SIPMSG_SDP_ATTR_CANDIDATE, sipmsg_sdp_get_candidate, sipmsg_sdp_format_candidate, c)
		VIEW(SIPMSG_SDP_ATTR_EXTMAP, sipmsg_sdp_get_extmap, sipmsg_sdp_format_extmap, e)
		VIEW(SIPMSG_SDP_ATTR_SSRC, sipmsg_sdp_get_ssrc, sipmsg_sdp_format_ssrc, ss)
		VIEW(SIPMSG_SDP_ATTR_SSRC_GROUP, sipmsg_sdp_get_ssrc_group, sipmsg_sdp_format_ssrc_group, sg)
		VIEW(SIPMSG_SDP_ATTR_RID, sipmsg_sdp_get_rid, sipmsg_sdp_format_rid, rid)
		VIEW(SIPMSG_SDP_ATTR_SIMULCAST, sipmsg_sdp_get_simulcast, sipmsg_sdp_format_simulcast, sc)
		VIEW(SIPMSG_SDP_ATTR_CRYPTO, sipmsg_sdp_get_crypto, sipmsg_sdp_format_crypto, cr)
		VIEW(SIPMSG_SDP_ATTR_GROUP, sipmsg_sdp_get_group, sipmsg_sdp_format_group, g)
		VIEW(SIPMSG_SDP_ATTR_FINGERPRINT, sipmsg_sdp_get_fingerprint, sipmsg_sdp_format_fingerprint, fp)
	default:
		return false;
	}
#undef VIEW
}

/* Compare every line of two sections: type, raw text, and typed text. */
static void same_lines(const sipmsg_sdp_section *a, const sipmsg_sdp_section *b)
{
	cr_assert_eq(sipmsg_sdp_line_count(a), sipmsg_sdp_line_count(b));
	for (size_t i = 0; i < sipmsg_sdp_line_count(a); i++) {
		sipmsg_sdp_line la, lb;
		sipmsg_sdp_line_at(a, i, &la);
		sipmsg_sdp_line_at(b, i, &lb);
		cr_assert_eq(la.type, lb.type);
		cr_assert_eq(la.attr, lb.attr);
		cr_assert_eq(la.raw.len, lb.raw.len);
		cr_assert(memcmp(la.raw.ptr, lb.raw.ptr, la.raw.len) == 0, "line %zu", i);
	}
}

Test(sdp_property, built_from_parts_reparses_to_the_same_lines_and_views)
{
	rng = 0x5d1f00d5eedull;
	for (int iter = 0; iter < 300; iter++) {
		sipmsg_sdp *b;
		cr_assert_eq(sipmsg_sdp_new(NULL, &b), SIPMSG_OK);
		char addr[32];
		snprintf(addr, sizeof addr, pick(2) ? "198.51.100.%u" : "2001:db8::%x", pick(256));
		sipmsg_sdp_origin o = {.sess_id_value = next() >> 1, .sess_version_value = pick(100),
				       .address = {addr, strlen(addr)}};
		cr_assert_eq(sipmsg_sdp_set_origin(b, &o), SIPMSG_OK);
		sipmsg_sdp_connection c = {.address = {addr, strlen(addr)}, .ttl = -1};
		cr_assert_eq(sipmsg_sdp_set_connection(sipmsg_sdp_session(b), &c), SIPMSG_OK);
		struct part parts[64];
		size_t nparts = 0;
		for (unsigned k = pick(4); k; k--) {
			random_attr(&parts[nparts], false);
			struct part *p = &parts[nparts++];
			cr_assert_eq(sipmsg_sdp_attr_add(sipmsg_sdp_session(b), p->name, strlen(p->name),
							 p->flag ? NULL : p->value, strlen(p->value), NULL),
				     SIPMSG_OK);
		}
		for (unsigned m = pick(4); m; m--) {
			char mline[64];
			snprintf(mline, sizeof mline, "%s %u RTP/AVP %u %u", pick(2) ? "audio" : "video", pick(65536),
				 pick(128), pick(128));
			sipmsg_sdp_section *ms;
			cr_assert_eq(sipmsg_sdp_media_add(b, mline, strlen(mline), &ms), SIPMSG_OK);
			for (unsigned k = pick(12); k && nparts < 64; k--) {
				random_attr(&parts[nparts], true);
				struct part *p = &parts[nparts++];
				cr_assert_eq(sipmsg_sdp_attr_add(ms, p->name, strlen(p->name), p->flag ? NULL : p->value,
								 strlen(p->value), NULL),
					     SIPMSG_OK);
			}
		}
		char *w = sdp_written(b);
		sipmsg_sdp *r;
		cr_assert_eq(sipmsg_sdp_parse(w, strlen(w), NULL, &r, NULL), SIPMSG_OK);
		cr_assert_eq(sipmsg_sdp_media_count(r), sipmsg_sdp_media_count(b));
		same_lines(sipmsg_sdp_session(b), sipmsg_sdp_session(r));
		for (size_t k = 0; k < sipmsg_sdp_media_count(b); k++)
			same_lines(sipmsg_sdp_media_at(b, k), sipmsg_sdp_media_at(r, k));
		/* every typed value writes back to the text it was built from */
		const sipmsg_sdp_section *secs[8] = {sipmsg_sdp_session(r)};
		size_t nsecs = 1;
		for (size_t k = 0; k < sipmsg_sdp_media_count(r); k++)
			secs[nsecs++] = sipmsg_sdp_media_at(r, k);
		for (size_t k = 0; k < nsecs; k++) {
			for (size_t i = 0; i < sipmsg_sdp_line_count(secs[k]); i++) {
				sipmsg_sdp_line l;
				sipmsg_sdp_line_at(secs[k], i, &l);
				char buf[512];
				if (l.type == 'a' && typed_text(secs[k], i, l.attr, buf, sizeof buf))
					cr_assert(slice_eq(l.value, buf), "%s vs %.*s", buf, (int)l.value.len,
						  l.value.ptr);
			}
		}
		/* write is idempotent on its own image */
		EXPECT_SDP_WIRE(r, w);
		sipmsg_sdp_free(r);
		sipmsg_sdp_free(b);
		free(w);
	}
}

/* A random SDP text: random line ends, lines in order or shuffled a bit. */
static size_t random_text(char *buf, size_t cap)
{
	size_t n = 0;
	const char *eol[] = {"\r\n", "\n"};
	bool mixed = pick(3) == 0;
	unsigned style = pick(2);
	static const char *const head[] = {"v=0", "o=- 1 2 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0"};
	for (size_t k = 0; k < 5; k++)
		n += (size_t)snprintf(buf + n, cap - n, "%s%s", head[k], eol[mixed ? pick(2) : style]);
	for (unsigned m = pick(5); m; m--) {
		n += (size_t)snprintf(buf + n, cap - n, "m=audio %u RTP/AVP 0%s", pick(65536),
				      eol[mixed ? pick(2) : style]);
		for (unsigned k = pick(15); k && n + 400 < cap; k--) {
			struct part p;
			random_attr(&p, true);
			n += (size_t)snprintf(buf + n, cap - n, "a=%s%s%s%s", p.name, p.flag ? "" : ":", p.value,
					      eol[mixed ? pick(2) : style]);
		}
	}
	if (pick(8) == 0 && n > 2) /* no line end after the last line */
		n -= buf[n - 2] == '\r' ? 2 : 1;
	buf[n] = '\0';
	return n;
}

Test(sdp_property, parsed_texts_write_back_byte_for_byte)
{
	rng = 0xc0ffee1234ull;
	char *buf = malloc(16384);
	for (int iter = 0; iter < 500; iter++) {
		size_t n = random_text(buf, 16384);
		struct guarded g = {0};
		const char *p = guard_copy(&g, buf, n);
		sipmsg_sdp *d;
		cr_assert_eq(sipmsg_sdp_parse(p, n, NULL, &d, NULL), SIPMSG_OK);
		cr_assert_eq(sipmsg_sdp_check(d), SIPMSG_OK);
		char *w;
		size_t wn;
		cr_assert_eq(sipmsg_sdp_write_alloc(d, 0, &w, &wn), SIPMSG_OK);
		cr_assert_eq(wn, n);
		cr_assert(memcmp(w, buf, n) == 0, "iteration %d", iter);
		/* canonical form re-parses to the same lines */
		char *cw;
		size_t cn;
		cr_assert_eq(sipmsg_sdp_write_alloc(d, SIPMSG_WRITE_CANONICAL, &cw, &cn), SIPMSG_OK);
		sipmsg_sdp *c;
		cr_assert_eq(sipmsg_sdp_parse(cw, cn, NULL, &c, NULL), SIPMSG_OK);
		same_lines(sipmsg_sdp_session(d), sipmsg_sdp_session(c));
		cr_assert_eq(sipmsg_sdp_media_count(c), sipmsg_sdp_media_count(d));
		for (size_t k = 0; k < sipmsg_sdp_media_count(d); k++)
			same_lines(sipmsg_sdp_media_at(d, k), sipmsg_sdp_media_at(c, k));
		sipmsg_sdp_free(c);
		free(cw);
		free(w);
		sipmsg_sdp_free(d);
		guard_free(&g);
	}
	free(buf);
}

Test(sdp_property, damaged_inputs_never_crash)
{
	rng = 0xbadc0deull;
	char *buf = malloc(16384);
	static const char bytes[] = {'\0', '\r', '\n', '\t', ':', ' ', '=', '/', '[', ']', ';', ',', '~', 'a', '9', '\x7f',
				     '\xff'};
	for (int iter = 0; iter < 2000; iter++) {
		size_t n = random_text(buf, 16000);
		for (unsigned k = 1 + pick(6); k && n; k--) {
			size_t at = pick((unsigned)n);
			switch (pick(3)) {
			case 0:
				buf[at] = bytes[pick(sizeof bytes)];
				break;
			case 1:
				memmove(buf + at + 1, buf + at, n - at);
				buf[at] = bytes[pick(sizeof bytes)];
				n++;
				break;
			default:
				n = at;
				break;
			}
		}
		struct guarded g = {0};
		const char *p = guard_copy(&g, buf, n);
		sipmsg_parse_opts o;
		sipmsg_parse_opts_init(&o);
		if (pick(2))
			o.flags |= SIPMSG_PARSE_STRICT;
		sipmsg_sdp *d = NULL;
		sipmsg_error err;
		sipmsg_status st = sipmsg_sdp_parse(p, n, &o, &d, &err);
		if (st == SIPMSG_OK) {
			cr_assert_eq(sipmsg_sdp_check(d), SIPMSG_OK);
			for (size_t k = 0; k < sipmsg_sdp_media_count(d); k++) {
				sipmsg_sdp_codec c;
				for (size_t i = 0; i < sipmsg_sdp_codec_count(sipmsg_sdp_media_at(d, k)); i++)
					sipmsg_sdp_codec_at(sipmsg_sdp_media_at(d, k), i, &c);
				sipmsg_sdp_media_direction(sipmsg_sdp_media_at(d, k));
			}
			char *w;
			size_t wn;
			cr_assert_eq(sipmsg_sdp_write_alloc(d, 0, &w, &wn), SIPMSG_OK);
			cr_assert_eq(wn, n);
			cr_assert(memcmp(w, p, n) == 0, "iteration %d", iter);
			free(w);
			sipmsg_sdp_free(d);
		} else {
			cr_assert(st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT, "status %d", st);
			cr_assert_neq(err.reason[0], '\0', "a failure says why");
		}
		guard_free(&g);
	}
	free(buf);
}

/* An allocator that fails from its `left`-th call on. */
struct failing {
	int left;
};

static void *fail_alloc(void *ctx, size_t n)
{
	struct failing *f = ctx;
	return f->left-- > 0 ? malloc(n) : NULL;
}

static void fail_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

Test(sdp_property, every_allocation_failure_is_survived)
{
	static const char t[] = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
				"m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 192.0.2.1\r\na=mid:0\r\n"
				"a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
				"a=candidate:1 1 udp 2122260223 192.168.0.196 54400 typ host generation 0 x y\r\n"
				"a=ssrc-group:FID 1 2\r\na=simulcast:send 1;~2\r\n";
	bool completed = false;
	int k;
	for (k = 0; k < 200 && !completed; k++) {
		struct failing f = {k};
		sipmsg_allocator al = {fail_alloc, fail_free, &f};
		/* a tiny first block, so that every step needs new ones */
		sipmsg_arena *a = sipmsg_arena_new(&al, 64);
		if (!a)
			continue;
		sipmsg_parse_opts o;
		sipmsg_parse_opts_init(&o);
		o.arena = a;
		sipmsg_sdp *d = NULL;
		sipmsg_status st = sipmsg_sdp_parse(t, sizeof t - 1, &o, &d, NULL);
		cr_assert(st == SIPMSG_OK || st == SIPMSG_ENOMEM, "k=%d st=%d", k, st);
		if (st == SIPMSG_OK) {
			sipmsg_sdp_section *m = sipmsg_sdp_media_at(d, 0);
			sipmsg_sdp_codec c;
			bool ok = (st = sipmsg_sdp_check(d)) == SIPMSG_OK;
			ok = ok && (st = sipmsg_sdp_codec_at(m, 0, &c)) == SIPMSG_OK;
			ok = ok && (st = sipmsg_sdp_media_set_port(m, 4000)) == SIPMSG_OK;
			ok = ok && (st = sipmsg_sdp_attr_add(m, "ptime", 5, "20", 2, NULL)) == SIPMSG_OK;
			ok = ok && (st = sipmsg_sdp_media_add(d, "video 0 RTP/AVP 96", 18, NULL)) == SIPMSG_OK;
			cr_assert(ok || st == SIPMSG_ENOMEM, "k=%d st=%d", k, st);
			if (ok) {
				size_t n = sipmsg_sdp_write_size(d, 0);
				cr_assert_eq(n, sizeof t - 1 + 3 + 12 + 22, "k=%d", k); /* port 9 -> 4000, ptime, m= */
				completed = true;
			}
		}
		sipmsg_arena_free(a); /* LeakSanitizer checks that nothing else remains */
	}
	cr_assert(completed, "the allocator eventually lets everything through");
	cr_assert_gt(k, 5, "several failure points were met on the way (%d)", k);
}
