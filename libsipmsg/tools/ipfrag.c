/* SPDX-License-Identifier: MIT */
/* Fragments are copied into a per-datagram buffer at their offset; a bitmap of
 * 8-byte blocks records what has arrived (every fragment but the last covers
 * whole blocks, so block granularity is exact). Duplicates are ignored;
 * overlapping fragments whose bytes differ are reported and the first copy
 * kept, as an IDS would. */
#include "ipfrag.h"

#include "sipdetect.h"

#include <sipmsg/sipmsg.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DATAGRAM 65535u
#define BLOCKS ((MAX_DATAGRAM + 7) / 8)
#define EXPIRY_SECONDS 60
#define IPPROTO_UDP_NUM 17

struct pending {
	bool used;
	struct net_addr src, dst;
	uint32_t id;
	uint8_t proto;        /* IPv4: part of the key; IPv6: next header after the fragment header */
	int64_t first_ts;
	uint64_t first_frame;
	size_t total;         /* datagram length once the last fragment is seen, else 0 */
	size_t received;      /* bytes covered so far */
	size_t max_end;       /* end of the furthest fragment seen */
	bool whole_seen;      /* a fragment of it was added (not only cut ones seen) */
	uint64_t cut_frame;   /* a fragment of it was cut short by the capture in this frame; 0 none */
	uint64_t told_frame;  /* the caller counted it as SIP cut short in this frame (ipfrag_told); 0 not */
	size_t cut_start;     /* bytes from offset 0 kept of a first fragment that was cut short: they
	                         lie in buf where no block is marked (a whole copy overwrites them) */
	uint8_t *buf;         /* MAX_DATAGRAM bytes, allocated when the first bytes are kept */
	uint8_t map[(BLOCKS + 7) / 8];
};

struct ipfrag_table {
	struct pending *slots;
	size_t nslots;
	struct notice_sink notices;
	struct notice_sink sip_lost;
	uint8_t *done;        /* buffer of the datagram last returned, freed on the next call */
};

struct ipfrag_table *ipfrag_new(size_t max_datagrams, const struct notice_sink *notices,
				const struct notice_sink *sip_lost)
{
	struct ipfrag_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->nslots = max_datagrams ? max_datagrams : 1;
	t->slots = calloc(t->nslots, sizeof *t->slots);
	if (!t->slots) {
		free(t);
		return NULL;
	}
	if (notices)
		t->notices = *notices;
	t->sip_lost = sip_lost ? *sip_lost : t->notices;
	return t;
}

static void release(struct pending *p)
{
	free(p->buf);
	memset(p, 0, sizeof *p);
}

void ipfrag_free(struct ipfrag_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nslots; i++)
		release(&t->slots[i]);
	free(t->slots);
	free(t->done);
	free(t);
}

static bool block_set(const struct pending *p, size_t b);
static void known_start(const uint8_t *data, size_t len, int family, uint8_t *proto, const uint8_t **out,
			size_t *out_len);

/* Up to `max` printable bytes of the line at p[0..n): how many; 0 when the
 * line does not end within n. */
static int printable_line(const uint8_t *p, size_t n, size_t max)
{
	const uint8_t *lf = memchr(p, '\n', n);
	if (!lf)
		return 0;
	size_t k = 0;
	while (p + k < lf && k < max && p[k] >= 0x20 && p[k] < 0x7f)
		k++;
	return (int)k;
}

/* The value of the first Call-ID ("i") header in the lines at p[0..n). */
static const uint8_t *find_call_id(const uint8_t *p, size_t n, int *len)
{
	for (size_t i = 0; i < n;) {
		const uint8_t *lf = memchr(p + i, '\n', n - i);
		int id;
		size_t v;
		if (lf && sip_detect_header_name(p + i, (size_t)(lf - p) - i, &id, &v) && id == SIPMSG_HDR_CALL_ID &&
		    (*len = printable_line(p + i + v, n - i - v, 80)))
			return p + i + v;
		if (!lf || (lf + 1 < p + n && (lf[1] == '\r' || lf[1] == '\n')))
			break; /* the end of the held bytes or of the header section */
		i = (size_t)(lf - p) + 1;
	}
	return NULL;
}

/* The datagram's bytes from offset 0 as far as they were received, when
 * they hold a UDP header and a SIP start line: what to call it in the
 * notice (src/dst its endpoints, then ": ..." in text). Counted as SIP cut
 * short unless the caller counted it already (told_frame). */
static bool name_sip(const struct pending *p, char *text, size_t size)
{
	if (!p->buf)
		return false;
	size_t b = 0;
	while (b < BLOCKS && block_set(p, b))
		b++;
	size_t held = b * 8 < p->max_end ? b * 8 : p->max_end;
	uint8_t proto = p->proto;
	const uint8_t *d;
	size_t len;
	known_start(p->buf, held, p->src.family, &proto, &d, &len);
	if (proto != IPPROTO_UDP_NUM || len < 8)
		return false;
	const uint8_t *m = d + 8;
	size_t n = len - 8, i = 0;
	while (i < n && (m[i] == '\r' || m[i] == '\n'))
		i++;
	int line = printable_line(m + i, n - i, 80);
	if (!line || sip_detect_start_line(m + i, n - i, false) != SIP_YES)
		return false;
	char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN], call_id[100] = "";
	net_endpoint_format(&p->src, (uint16_t)(d[0] << 8 | d[1]), src, sizeof src);
	net_endpoint_format(&p->dst, (uint16_t)(d[2] << 8 | d[3]), dst, sizeof dst);
	int id_len = 0;
	const uint8_t *id = find_call_id(m + i, n - i, &id_len);
	if (id)
		snprintf(call_id, sizeof call_id, ", Call-ID %.*s", id_len, (const char *)id);
	/* Later fragments carry no UDP header: a filter on the port keeps
	 * only the first, as tcpdump's "port 5060" does. */
	bool only_first = p->received == held && !p->total;
	snprintf(text, size, ": a SIP datagram %s -> %s, \"%.*s\"%s, not checked%s", src, dst, line,
		 (const char *)m + i, call_id,
		 only_first ? " (no later fragment captured: a capture filter on the port drops them)" : "");
	return true;
}

static void report_incomplete(struct ipfrag_table *t, struct pending *p, uint64_t frame, const char *why)
{
	char src[NET_ADDR_STRLEN], dst[NET_ADDR_STRLEN];
	net_addr_format(&p->src, src, sizeof src);
	net_addr_format(&p->dst, dst, sizeof dst);
	char size[64];
	if (p->total)
		snprintf(size, sizeof size, "%zu of %zu bytes", p->received, p->total);
	else
		snprintf(size, sizeof size, "%zu bytes, total unknown", p->received);
	if (!p->whole_seen) {
		/* only fragments the capture cut short, each of which had its
		 * notice: nothing is held, nothing more to say */
		release(p);
		return;
	}
	char cut[80] = "", sip[400] = "";
	if (p->cut_frame)
		snprintf(cut, sizeof cut, " (a fragment in frame %llu was cut short by the capture)",
			 (unsigned long long)p->cut_frame);
	bool counted = !p->told_frame && name_sip(p, sip, sizeof sip);
	notice_emit(counted ? &t->sip_lost : &t->notices, frame, "ip-fragments-incomplete",
		    "IPv%u datagram %s -> %s id 0x%x (first fragment in frame %llu) is incomplete (%s)%s %s; dropped%s",
		    (unsigned)p->src.family, src, dst, (unsigned)p->id, (unsigned long long)p->first_frame, size, cut,
		    why, sip);
	release(p);
}

void ipfrag_flush(struct ipfrag_table *t, uint64_t frame)
{
	for (size_t i = 0; i < t->nslots; i++)
		if (t->slots[i].used)
			report_incomplete(t, &t->slots[i], frame, "at the end of the capture");
}

static bool same_datagram(const struct pending *p, const struct net_ip *ip)
{
	return p->used && p->id == ip->frag_id && net_addr_equal(&p->src, &ip->src) &&
	       net_addr_equal(&p->dst, &ip->dst) && (ip->src.family == 6 || p->proto == ip->proto);
}

static bool block_set(const struct pending *p, size_t b) { return p->map[b / 8] & (1u << (b % 8)); }

/* Find the datagram's slot, or take a free one (expiring old ones and, when
 * the table is full, giving up the oldest: one that holds nothing, only
 * the memory of fragments cut short, before one that holds bytes). For a
 * fragment cut short (cut), a datagram that holds bytes is never given up:
 * NULL when there is no other room. The slot's buffer is not allocated yet
 * (keep_buffer). */
/* Is a datagram begun at capture time first more than EXPIRY_SECONDS
 * before now? A pcapng timestamp may be anything, so the difference is
 * taken where it cannot overflow. */
static bool expired(int64_t first, int64_t now)
{
	return now > first && (uint64_t)now - (uint64_t)first > EXPIRY_SECONDS;
}

static struct pending *slot_for(struct ipfrag_table *t, const struct net_ip *ip, uint64_t frame, int64_t ts,
				bool cut)
{
	struct pending *free_slot = NULL, *oldest = NULL;
	for (size_t i = 0; i < t->nslots; i++) {
		struct pending *p = &t->slots[i];
		/* Expired first: a late fragment must not complete a datagram
		 * already due to be given up (it starts a new one). */
		if (p->used && expired(p->first_ts, ts))
			report_incomplete(t, p, frame, "after 60 s");
		if (p->used && same_datagram(p, ip))
			return p;
		if (!p->used) {
			if (!free_slot)
				free_slot = p;
		} else if (!oldest || (oldest->whole_seen && !p->whole_seen) ||
			   (oldest->whole_seen == p->whole_seen && p->first_frame < oldest->first_frame)) {
			oldest = p;
		}
	}
	if (!free_slot && cut && oldest && oldest->whole_seen)
		return NULL;
	if (!free_slot) {
		report_incomplete(t, oldest, frame, "(too many datagrams in reassembly at once)");
		free_slot = oldest;
	}
	free_slot->used = true;
	free_slot->src = ip->src;
	free_slot->dst = ip->dst;
	free_slot->id = ip->frag_id;
	free_slot->proto = ip->proto;
	free_slot->first_ts = ts;
	free_slot->first_frame = frame;
	return free_slot;
}

/* The slot's buffer, allocated on first use; false when out of memory. */
static bool keep_buffer(struct pending *p)
{
	if (!p->buf)
		p->buf = malloc(MAX_DATAGRAM);
	return p->buf != NULL;
}

static struct pending *find(struct ipfrag_table *t, const struct net_ip *ip)
{
	for (size_t i = 0; i < t->nslots; i++)
		if (same_datagram(&t->slots[i], ip))
			return &t->slots[i];
	return NULL;
}

/* The upper-layer bytes of a datagram from offset 0 as far as they go
 * unbroken (the fragmentable part of IPv6: after its extension headers,
 * which may set proto); len 0 when its start is not known. */
static void known_start(const uint8_t *data, size_t len, int family, uint8_t *proto, const uint8_t **out,
			size_t *out_len)
{
	size_t skip = 0;
	const char *reason = NULL;
	*out = data;
	*out_len = 0;
	if (family == 6 && net_ip6_skip_ext(data, len, len, proto, &skip, &reason) != NET_OK)
		return;
	*out = data + skip;
	*out_len = len - skip;
}

/* The start of the datagram as far as held (whole fragments or a first
 * fragment cut short), into out. */
static void held_start(const struct pending *p, const struct net_ip *ip, struct ipfrag_datagram *out)
{
	size_t b = 0;
	while (b < BLOCKS && block_set(p, b))
		b++;
	size_t end = p->total ? p->total : p->max_end, held = b * 8 < end ? b * 8 : end;
	known_start(p->buf, held > p->cut_start ? held : p->cut_start, ip->src.family, &out->proto, &out->data,
		    &out->len);
}

/* A fragment the capture cut short: it cannot be added. Whatever is known
 * of its datagram's start goes to the caller, which tells whether that is
 * SIP. The datagram gets a slot if it had none, which remembers it was cut
 * (and the start a cut first fragment kept), so that one cut datagram is
 * counted once however many of its fragments, or copies of one, were cut
 * (ipfrag_told), and a fragment cut after a cut first one still knows what
 * the datagram was. */
static int cut_short(struct ipfrag_table *t, const struct net_ip *ip, uint64_t frame, int64_t ts,
		     struct ipfrag_datagram *out)
{
	memset(out, 0, sizeof *out);
	out->src = ip->src;
	out->dst = ip->dst;
	out->proto = ip->proto;
	out->first_frame = frame;
	struct pending *p = find(t, ip);
	if (!p)
		p = slot_for(t, ip, frame, ts, true);
	if (ip->frag_offset == 0 && p && keep_buffer(p)) {
		/* keep the start where no whole fragment put bytes */
		size_t len = ip->payload_len < MAX_DATAGRAM ? ip->payload_len : MAX_DATAGRAM;
		for (size_t b = 0; b * 8 < len; b++)
			if (!block_set(p, b))
				memcpy(p->buf + b * 8, ip->payload + b * 8, b * 8 + 8 < len ? 8 : len - b * 8);
		if (len > p->cut_start)
			p->cut_start = len;
	}
	if (p && p->buf) {
		held_start(p, ip, out);
	} else if (ip->frag_offset == 0) {
		/* no slot or no memory: this fragment's own bytes */
		known_start(ip->payload, ip->payload_len, ip->src.family, &out->proto, &out->data, &out->len);
	}
	if (p) {
		out->first_frame = p->first_frame;
		out->cut_frame = p->cut_frame;
		out->told_frame = p->told_frame;
		if (!p->cut_frame)
			p->cut_frame = frame;
	}
	return IPFRAG_CUT_SHORT;
}

void ipfrag_told(struct ipfrag_table *t, const struct net_ip *ip, uint64_t frame)
{
	struct pending *p = find(t, ip);
	if (p && !p->told_frame)
		p->told_frame = frame;
}

static int add_fragment(struct ipfrag_table *t, const struct net_ip *ip, uint64_t frame, int64_t ts,
			struct ipfrag_datagram *out)
{
	size_t off = ip->frag_offset, len = ip->payload_len;
	if (len < ip->payload_wire_len)
		return cut_short(t, ip, frame, ts, out);
	if (off + len > MAX_DATAGRAM || (ip->more_fragments && (len == 0 || len % 8 != 0))) {
		notice_emit(&t->notices, frame, "ip-fragment-malformed",
			    ip->more_fragments && len % 8 ? "IP fragment length is not a multiple of 8; dropped"
							  : "IP fragment reaches beyond 65535 bytes; dropped");
		return -1;
	}
	struct pending *p = slot_for(t, ip, frame, ts, false);
	if (!keep_buffer(p)) {
		notice_emit(&t->notices, frame, "ip-fragment-dropped", "out of memory for IP reassembly; fragment dropped");
		return -1;
	}
	size_t total = ip->more_fragments ? p->total : off + len;
	if ((!ip->more_fragments && p->total && p->total != total) || (total && (off + len > total || p->max_end > total))) {
		notice_emit(&t->notices, frame, "ip-fragment-malformed",
			    "IP fragments disagree on the datagram length; fragment dropped");
		return -1;
	}
	p->total = total;
	p->whole_seen = true;
	if (off + len > p->max_end)
		p->max_end = off + len;
	bool differ = false;
	for (size_t b = off / 8; b * 8 < off + len; b++) {
		size_t s = b * 8, e = s + 8 < off + len ? s + 8 : off + len;
		if (block_set(p, b)) {
			differ |= memcmp(p->buf + s, ip->payload + (s - off), e - s) != 0;
			continue;
		}
		memcpy(p->buf + s, ip->payload + (s - off), e - s);
		p->map[b / 8] |= (uint8_t)(1u << (b % 8));
		p->received += e - s;
	}
	if (differ)
		notice_emit(&t->notices, frame, "ip-fragment-overlap",
			    "IP fragment overlaps earlier data with different bytes; the earlier bytes are kept");
	if (!p->total || p->received < p->total) {
		if (off != 0 || !p->cut_frame || p->told_frame)
			return 0;
		/* the whole first fragment of a datagram already cut: the caller
		 * may now tell it is SIP, as when the first fragment came first */
		memset(out, 0, sizeof *out);
		out->src = ip->src;
		out->dst = ip->dst;
		out->proto = ip->proto;
		out->first_frame = p->first_frame;
		out->cut_frame = p->cut_frame;
		held_start(p, ip, out);
		return IPFRAG_CUT_START;
	}
	/* Complete. IPv6: the fragmentable part may start with more extension headers. */
	out->src = p->src;
	out->dst = p->dst;
	out->proto = p->proto;
	out->data = p->buf;
	out->len = p->total;
	out->first_frame = p->first_frame;
	if (p->src.family == 6) {
		size_t skip = 0;
		const char *reason = NULL;
		if (net_ip6_skip_ext(p->buf, p->total, p->total, &out->proto, &skip, &reason) != NET_OK) {
			notice_emit(&t->notices, frame, "ip-fragment-malformed", "reassembled IPv6 datagram: %s", reason);
			release(p);
			return -1;
		}
		out->data += skip;
		out->len -= skip;
	}
	t->done = p->buf; /* hand the buffer out; freed on the next call */
	p->buf = NULL;
	release(p);
	return 1;
}

int ipfrag_add(struct ipfrag_table *t, const struct net_ip *ip, uint64_t frame, int64_t ts, struct ipfrag_datagram *out)
{
	/* The fragment may lie in the datagram returned last (a fragmented
	 * tunnel packet carrying fragments): free that only once it is copied. */
	uint8_t *previous = t->done;
	t->done = NULL;
	int r = add_fragment(t, ip, frame, ts, out);
	free(previous);
	return r;
}
