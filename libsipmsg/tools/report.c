/* SPDX-License-Identifier: MIT */
/* Text lines are meant to be read and grepped: fixed columns for captures,
 * the verdict and its first reason last. JSON output is one object per line
 * ("JSON lines"), each with a "type": message, notice, capture, error,
 * summary. The schema is in docs/samples/README.md. */
#include "report.h"

#include "json.h"

#include <inttypes.h>
#include <string.h>

#define START_LINE_WIDTH 50

void report_init(struct reporter *r, FILE *out, bool json)
{
	memset(r, 0, sizeof *r);
	r->out = out;
	r->json = json;
}

/* The most link types a text line names; the rest are counted ("and 3
 * more"): a pcapng file may describe an interface of each of the 65,536. */
#define TEXT_LINK_TYPES 8

/* The capture's link types: "EN10MB, LINUX_SLL2" in text (the first
 * TEXT_LINK_TYPES, then how many more), a JSON array of them all. */
static void print_link_types(const struct reporter *r)
{
	size_t n = capture_link_count(r->cap);
	size_t shown = r->json || n <= TEXT_LINK_TYPES ? n : TEXT_LINK_TYPES;
	if (r->json)
		putc('[', r->out);
	for (size_t i = 0; i < shown; i++) {
		char buf[CAPTURE_LINK_NAME_LEN];
		const char *name = capture_link_name(r->cap, i, buf);
		if (i)
			fputs(r->json ? "," : ", ", r->out);
		if (r->json)
			json_cstring(r->out, name);
		else
			fputs(name, r->out);
	}
	if (r->json)
		putc(']', r->out);
	else if (shown < n)
		fprintf(r->out, " and %zu more", n - shown);
}

void report_begin_file(struct reporter *r, const char *name, const struct capture *cap)
{
	r->file = name;
	r->capture = cap != NULL;
	r->cap = cap;
	r->stats = cap ? capture_get_stats(cap) : NULL;
	r->links_named = cap ? capture_link_count(cap) : 0;
	r->index = 0;
	r->totals.files++;
	if (r->capture && !r->json) {
		/* a pcapng file may describe more interfaces after its first frame:
		 * the line after the capture names those */
		fprintf(r->out, "%s: capture, link type%s ", name, r->links_named > 1 ? "s" : "");
		print_link_types(r);
		putc('\n', r->out);
		fprintf(r->out, "%6s %10s  %21s    %-21s %-4s %-*s  %s\n", "frame", "time", "source", "destination", "tr",
			START_LINE_WIDTH, "start line", "verdict");
	}
}

/* The start line for display: first line after keep-alives, CR/LF removed. */
static sipmsg_slice start_line(const uint8_t *data, size_t len)
{
	size_t i = 0;
	while (i < len && (data[i] == '\r' || data[i] == '\n'))
		i++;
	size_t e = i;
	while (e < len && data[e] != '\n' && data[e] != '\r')
		e++;
	return (sipmsg_slice){(const char *)data + i, e - i};
}

/* The username and session id of an SDP's o= line as written (its value
 * up to the second space): they name the session. NULL ptr when no o=. */
static sipmsg_slice origin_id(const sipmsg_sdp *sdp)
{
	const sipmsg_sdp_section *session = sipmsg_sdp_session(sdp);
	long o = sipmsg_sdp_line_find(session, 'o', 0);
	sipmsg_sdp_line line;
	if (o < 0 || sipmsg_sdp_line_at(session, (size_t)o, &line) != SIPMSG_OK || !line.value.ptr)
		return (sipmsg_slice){NULL, 0};
	sipmsg_slice v = line.value;
	size_t spaces = 0, i = 0;
	for (; i < v.len; i++)
		if (v.ptr[i] == ' ' && ++spaces == 2)
			break;
	return (sipmsg_slice){v.ptr, i};
}

/* What a bare SDP shows in place of a start line: "SDP o=alice 2890844526,
 * 2 media", or "SDP" when it did not parse. */
static sipmsg_slice sdp_label(const sipmsg_sdp *sdp, char *buf, size_t size)
{
	if (!sdp)
		return (sipmsg_slice){"SDP", 3};
	sipmsg_slice id = origin_id(sdp);
	size_t media = sipmsg_sdp_media_count(sdp);
	int id_len = (int)(id.len < size ? id.len : size); /* no more than fits */
	int n = id.ptr ? snprintf(buf, size, "SDP o=%.*s, %zu media", id_len, id.ptr, media)
		       : snprintf(buf, size, "SDP, %zu media", media);
	return (sipmsg_slice){buf, n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1};
}

/* How many bytes at p[0..n) make one character print_clean() shows as it
 * is: printable ASCII, or a valid UTF-8 sequence that is neither a C1
 * control nor a bidirectional override or isolate (which could make the
 * terminal show a line other than it is); 0 for a byte shown as '?'. */
static size_t shown_as_is(const uint8_t *p, size_t n)
{
	if (p[0] < 0x80)
		return p[0] >= 0x20 && p[0] < 0x7f;
	size_t u = json_utf8_len(p, n);
	if (u == 2 && p[0] == 0xc2 && p[1] < 0xa0)
		return 0;
	if (u == 3 && p[0] == 0xe2 &&
	    ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
		return 0;
	return u;
}

/* s on one line: what the terminal must not take as control is '?', one
 * column per character; cut to width columns with "..." (0: no limit),
 * padded with spaces to width when pad. */
static void print_clean(FILE *out, sipmsg_slice s, size_t width, bool pad)
{
	const uint8_t *p = (const uint8_t *)s.ptr;
	size_t cols = 0, i = 0;
	for (size_t k = 0; k < s.len; cols++) /* the columns s takes whole */
		k += shown_as_is(p + k, s.len - k) ? shown_as_is(p + k, s.len - k) : 1;
	bool cut = width && cols > width;
	size_t keep = cut ? width - 3 : cols;
	for (size_t c = 0; c < keep; c++) {
		size_t u = shown_as_is(p + i, s.len - i);
		if (u)
			fwrite(p + i, 1, u, out);
		else
			putc('?', out);
		i += u ? u : 1;
	}
	if (cut)
		fputs("...", out);
	if (pad)
		for (size_t c = cut ? width : keep; c < width; c++)
			putc(' ', out);
}

/* Seconds since the first frame, as "12.345678" (microseconds, truncated). */
static void rel_time(FILE *out, const struct reporter *r, int64_t sec, uint32_t nsec)
{
	int64_t us = (sec - r->stats->first_ts_sec) * 1000000 +
		     ((int64_t)nsec - (int64_t)r->stats->first_ts_nsec) / 1000;
	const char *sign = us < 0 ? "-" : "";
	if (us < 0)
		us = -us;
	char buf[40];
	snprintf(buf, sizeof buf, "%s%" PRId64 ".%06" PRId64, sign, us / 1000000, us % 1000000);
	fprintf(out, "%10s", buf);
}

static const char *transport_name(enum capture_transport t, bool lower)
{
	switch (t) {
	case CAPTURE_UDP:
		return lower ? "udp" : "UDP";
	case CAPTURE_TCP:
		return lower ? "tcp" : "TCP";
	case CAPTURE_WS:
		return lower ? "ws" : "WS";
	case CAPTURE_SCTP:
		return lower ? "sctp" : "SCTP";
	}
	return "?";
}

static void print_endpoints(FILE *out, const struct capture_record *rec)
{
	char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN];
	net_endpoint_format(&rec->src, rec->sport, src, sizeof src);
	net_endpoint_format(&rec->dst, rec->dport, dst, sizeof dst);
	fprintf(out, "%21s -> %-21s %-4s", src, dst, transport_name(rec->transport, false));
}

static void text_reason(FILE *out, const struct report_diag *d)
{
	fprintf(out, "  %s: %s", d->code, d->message);
	if (d->line || d->header.len) {
		fputs(" (", out);
		if (d->line)
			fprintf(out, "line %u, column %u", (unsigned)d->line, (unsigned)d->column);
		if (d->header.len) {
			fputs(d->line ? ", " : "", out);
			print_clean(out, d->header, 0, false);
		}
		putc(')', out);
	}
}

static void json_key(FILE *out, const char *key)
{
	fprintf(out, ",\"%s\":", key);
}

static void json_record_fields(FILE *out, const struct reporter *r, const struct capture_record *rec)
{
	fputs("{\"type\":", out);
	json_cstring(out, rec->kind == CAPTURE_NOTICE ? "notice" : "message");
	json_key(out, "file");
	json_cstring(out, r->file);
	if (rec->frame) {
		/* time: microseconds, as ever; time_nsec: the fraction of its
		 * second to the nanosecond, as a nanosecond capture has it */
		fprintf(out, ",\"frame\":%" PRIu64 ",\"time\":%" PRId64 ".%06u,\"time_nsec\":%u", rec->frame,
			rec->ts_sec, (unsigned)(rec->ts_nsec / 1000u), (unsigned)rec->ts_nsec);
	}
	if (rec->has_endpoints) {
		char a[NET_ADDR_STRLEN];
		net_addr_format(&rec->src, a, sizeof a);
		json_key(out, "src");
		json_cstring(out, a);
		fprintf(out, ",\"sport\":%u", (unsigned)rec->sport);
		net_addr_format(&rec->dst, a, sizeof a);
		json_key(out, "dst");
		json_cstring(out, a);
		fprintf(out, ",\"dport\":%u,\"transport\":\"%s\"", (unsigned)rec->dport,
			transport_name(rec->transport, true));
	}
}

static void json_diag(FILE *out, const struct report_diag *d)
{
	fputs("{\"code\":", out);
	json_cstring(out, d->code);
	fprintf(out, ",\"code_number\":%d,\"severity\":\"%s\"", d->code_number, sipmsg_severity_name(d->severity));
	if (d->offset != SIZE_MAX)
		fprintf(out, ",\"offset\":%zu", d->offset);
	else
		fputs(",\"offset\":null", out);
	if (d->line)
		fprintf(out, ",\"line\":%u,\"column\":%u", (unsigned)d->line, (unsigned)d->column);
	else
		fputs(",\"line\":null,\"column\":null", out);
	json_key(out, "header");
	if (d->header.len)
		json_string(out, d->header.ptr, d->header.len);
	else
		fputs("null", out);
	json_key(out, "message");
	json_cstring(out, d->message);
	fprintf(out, ",\"fails\":%s}", d->fails ? "true" : "false");
}

/* The value of the message's first header `id` as written, or null (a bare
 * SDP, a message that did not parse, no such header): what users match
 * records on (tshark's sip.Call-ID, sip.CSeq). */
static void json_first_value(FILE *out, const sipmsg_msg *m, sipmsg_hdr_id id)
{
	sipmsg_header h;
	long i = m ? sipmsg_header_find(m, id, 0) : -1;
	if (i >= 0 && sipmsg_header_at(m, (size_t)i, &h) == SIPMSG_OK)
		json_string(out, h.value.ptr, h.value.len);
	else
		fputs("null", out);
}

void report_message(struct reporter *r, const struct capture_record *rec, uint64_t offset, const uint8_t *data,
		    size_t len, const struct pipeline *p)
{
	struct totals *t = &r->totals;
	t->messages++;
	t->bytes += len;
	r->index++;
	if (p->verdict == VERDICT_OK)
		t->ok++;
	else if (p->verdict == VERDICT_WARN)
		t->warnings++;
	else
		t->failed++;
	struct report_diag reason;
	bool has_reason = pipeline_reason(p, &reason);
	sipmsg_slice sl = start_line(data, len);
	FILE *out = r->out;
	if (r->json) {
		struct capture_record none = {.kind = CAPTURE_MESSAGE};
		json_record_fields(out, r, rec ? rec : &none);
		fprintf(out, ",\"index\":%" PRIu64, r->index);
		if (offset != UINT64_MAX)
			fprintf(out, ",\"offset\":%" PRIu64, offset);
		fprintf(out, ",\"length\":%zu", len);
		json_key(out, "input");
		json_cstring(out, p->bare_sdp ? "sdp" : "sip");
		json_key(out, "start_line");
		json_string(out, sl.ptr, sl.len);
		json_key(out, "call_id");
		json_first_value(out, p->bare_sdp ? NULL : p->msg, SIPMSG_HDR_CALL_ID);
		json_key(out, "cseq");
		json_first_value(out, p->bare_sdp ? NULL : p->msg, SIPMSG_HDR_CSEQ);
		json_key(out, "verdict");
		json_cstring(out, p->verdict == VERDICT_OK ? "ok" : p->verdict == VERDICT_WARN ? "warn" : "fail");
		json_key(out, "reason");
		if (has_reason)
			json_cstring(out, reason.message);
		else
			fputs("null", out);
		fprintf(out, ",\"round_trip\":%s", p->round_trip < 0 ? "null" : p->round_trip ? "true" : "false");
		fputs(",\"diagnostics\":[", out);
		size_t n = pipeline_diag_count(p);
		for (size_t i = 0; i < n; i++) {
			struct report_diag d;
			pipeline_diag_at(p, i, &d);
			if (i)
				putc(',', out);
			json_diag(out, &d);
		}
		fputs("]}\n", out);
		return;
	}
	if (rec) {
		fprintf(out, "%6" PRIu64 " ", rec->frame);
		rel_time(out, r, rec->ts_sec, rec->ts_nsec);
		fputs("  ", out);
		print_endpoints(out, rec);
		putc(' ', out);
	} else {
		char label[512];
		if (offset != UINT64_MAX)
			snprintf(label, sizeof label, "%s@%" PRIu64, r->file, offset);
		else
			snprintf(label, sizeof label, "%s", r->file);
		fprintf(out, "%-*s  ", r->name_width, label);
	}
	char sdp_text[2 * START_LINE_WIDTH]; /* longer than shown: a cut label ends in "..." */
	print_clean(out, p->bare_sdp ? sdp_label(p->sdp, sdp_text, sizeof sdp_text) : sl, START_LINE_WIDTH, true);
	fprintf(out, "  %s", verdict_name(p->verdict));
	if (has_reason)
		text_reason(out, &reason);
	putc('\n', out);
}

void report_notice(struct reporter *r, const struct capture_record *rec)
{
	r->totals.notices++;
	r->totals.cut_short += rec->cut_short;
	FILE *out = r->out;
	if (r->json) {
		json_record_fields(out, r, rec);
		json_key(out, "kind");
		json_cstring(out, rec->notice_kind);
		json_key(out, "message");
		json_cstring(out, rec->text);
		fputs("}\n", out);
		return;
	}
	if (rec->frame && r->capture) {
		fprintf(out, "%6" PRIu64 " ", rec->frame);
		rel_time(out, r, rec->ts_sec, rec->ts_nsec);
		fputs("  ", out);
	} else {
		fprintf(out, "%s  ", r->file);
	}
	fprintf(out, "NOTE %s: %s\n", rec->notice_kind, rec->text);
}

/* SIP the capture's snapshot length cut short is named in the counts: it
 * was not checked, and it makes the exit status 1. */
static void print_cut_short(FILE *out, uint64_t n)
{
	if (n)
		fprintf(out, ", %" PRIu64 " SIP frames cut short by the capture (not checked)", n);
}

void report_end_capture(struct reporter *r)
{
	const struct capture_stats *s = r->stats;
	FILE *out = r->out;
	uint64_t sip = s->udp_messages + s->tcp_messages + s->ws_messages + s->sctp_messages + s->framing_errors;
	if (r->json) {
		fputs("{\"type\":\"capture\",\"file\":", out);
		json_cstring(out, r->file);
		json_key(out, "link_types");
		print_link_types(r);
		fprintf(out,
			",\"frames\":%" PRIu64 ",\"sip_messages\":%" PRIu64 ",\"udp\":%" PRIu64 ",\"tcp\":%" PRIu64
			",\"ws\":%" PRIu64 ",\"sctp\":%" PRIu64 ",\"hep\":%" PRIu64 ",\"unframed\":%" PRIu64 ",\"tcp_flows\":%" PRIu64
			",\"retransmitted\":%" PRIu64 ",\"notices\":%" PRIu64 ",\"cut_short\":%" PRIu64
			",\"unreadable\":%" PRIu64 "}\n",
			s->frames, sip, s->udp_messages, s->tcp_messages, s->ws_messages, s->sctp_messages, s->hep_messages,
			s->framing_errors, s->tcp_flows, s->retransmitted, s->notices, s->cut_short, s->unreadable);
		return;
	}
	fprintf(out, "%s: %" PRIu64 " frames, %" PRIu64 " SIP messages (%" PRIu64 " UDP, %" PRIu64 " TCP", r->file,
		s->frames, sip, s->udp_messages, s->tcp_messages);
	if (s->ws_messages)
		fprintf(out, ", %" PRIu64 " WebSocket", s->ws_messages);
	if (s->sctp_messages)
		fprintf(out, ", %" PRIu64 " SCTP", s->sctp_messages);
	if (s->framing_errors)
		fprintf(out, ", %" PRIu64 " not framed", s->framing_errors);
	if (s->hep_messages)
		fprintf(out, "; %" PRIu64 " read from HEP", s->hep_messages);
	fprintf(out, "), %" PRIu64 " notices", s->notices);
	print_cut_short(out, s->cut_short);
	if (s->unreadable) /* each reason was said once: how many frames it cost */
		fprintf(out, ", %" PRIu64 " frames unreadable (skipped)", s->unreadable);
	if (capture_link_count(r->cap) > r->links_named) {
		fputs("; link types ", out);
		print_link_types(r);
		fputs(" (with interfaces described after the first frame)", out);
	}
	putc('\n', out);
}

void report_error(struct reporter *r, const char *file, const char *message)
{
	r->totals.unreadable++;
	fflush(r->out);
	fprintf(stderr, "sipmsg: %s: %s\n", file, message);
	if (r->json) {
		fputs("{\"type\":\"error\",\"file\":", r->out);
		json_cstring(r->out, file);
		json_key(r->out, "message");
		json_cstring(r->out, message);
		fputs("}\n", r->out);
	}
}

void report_summary(struct reporter *r)
{
	const struct totals *t = &r->totals;
	if (r->json) {
		fprintf(r->out,
			"{\"type\":\"summary\",\"files\":%" PRIu64 ",\"messages\":%" PRIu64 ",\"ok\":%" PRIu64
			",\"warnings\":%" PRIu64 ",\"failed\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"notices\":%" PRIu64
			",\"errors\":%" PRIu64 ",\"cut_short\":%" PRIu64 "}\n",
			t->files, t->messages, t->ok, t->warnings, t->failed, t->bytes, t->notices, t->unreadable,
			t->cut_short);
		return;
	}
	fprintf(r->out,
		"summary: %" PRIu64 " messages, %" PRIu64 " ok, %" PRIu64 " warnings, %" PRIu64 " failed, %" PRIu64
		" bytes",
		t->messages, t->ok, t->warnings, t->failed, t->bytes);
	if (t->notices)
		fprintf(r->out, ", %" PRIu64 " notices", t->notices);
	print_cut_short(r->out, t->cut_short);
	if (t->unreadable)
		fprintf(r->out, ", %" PRIu64 " files unreadable", t->unreadable);
	putc('\n', r->out);
}
