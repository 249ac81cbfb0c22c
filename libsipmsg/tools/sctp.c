/* SPDX-License-Identifier: MIT */
/* SCTP packets -> user messages (sctp.h). */
#include "sctp.h"

#include "sctpfrag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_DATA 0   /* RFC 9260 §3.3.1 */
#define CHUNK_IDATA 64 /* RFC 8260 §2.1 */
#define FLAG_E 0x01u   /* the last fragment of a user message */
#define FLAG_B 0x02u   /* the first */
#define FLAG_U 0x04u   /* I-DATA: unordered, which names its message with the MID */
#define COMMON_HEADER 12
#define DATA_HEADER 16
#define IDATA_HEADER 20
/* TSNs remembered per direction, below the highest one seen, to tell a
 * retransmitted chunk from one seen for the first time. */
#define TSN_WINDOW 1024
#define TSN_WORDS (TSN_WINDOW / 64)

/* One direction of an association. */
struct dir {
	struct dir *hnext;
	struct net_flow_key key;
	uint32_t vtag;            /* the association's verification tag: a new one starts afresh */
	bool have_tsn;
	uint32_t top_tsn;         /* the highest TSN seen */
	uint64_t seen[TSN_WORDS]; /* bit i: TSN top_tsn - i was seen */
	struct sctp_frags frags;  /* user messages in fragments */
	uint64_t last_frame;
};

struct sctp_table {
	struct dir **buckets;
	size_t nbuckets, count, max_dirs, max_bytes;
	struct notice_sink notices;
	sctp_message_fn fn;
	void *ctx;
	uint64_t frame;          /* being processed */
	const struct net_ip *ip; /* its IP header */
	struct sctp_stats stats;
};

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

struct sctp_table *sctp_table_new(size_t max_dirs, size_t max_message_bytes, const struct notice_sink *notices,
				  sctp_message_fn fn, void *ctx)
{
	struct sctp_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->nbuckets = 64;
	t->buckets = calloc(t->nbuckets, sizeof *t->buckets);
	if (!t->buckets) {
		free(t);
		return NULL;
	}
	t->max_dirs = max_dirs ? max_dirs : 1;
	t->max_bytes = max_message_bytes;
	t->notices = *notices;
	t->fn = fn;
	t->ctx = ctx;
	return t;
}

static size_t bucket_of(const struct net_flow_key *k, size_t nbuckets)
{
	return (size_t)net_flow_hash(k) & (nbuckets - 1);
}

static void endpoints(const struct net_flow_key *k, char *src, char *dst)
{
	net_endpoint_format(&k->src, k->sport, src, NET_ENDPOINT_STRLEN);
	net_endpoint_format(&k->dst, k->dport, dst, NET_ENDPOINT_STRLEN);
}

/* The fragment holder's output for one direction (sctpfrag.h). */
struct dir_out {
	struct sctp_table *t;
	struct dir *d;
};

static void emit(struct sctp_table *t, const struct dir *d, uint16_t stream, uint32_t ppid, const uint8_t *data,
		 size_t len, size_t wire_len, uint64_t first_frame);

static void reassembled(void *ctx, uint16_t stream, uint32_t ppid, const uint8_t *data, size_t len, size_t wire_len,
			uint64_t first_frame)
{
	struct dir_out *o = ctx;
	emit(o->t, o->d, stream, ppid, data, len, wire_len, first_frame);
}

/* A message in fragments is given up, and said why. */
static void lost(void *ctx, uint16_t stream, uint64_t first_frame, const char *why)
{
	struct dir_out *o = ctx;
	char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN];
	endpoints(&o->d->key, src, dst);
	notice_emit(&o->t->notices, o->t->frame, "sctp-fragments-lost",
		    "SCTP message %s -> %s on stream %u, in fragments from frame %llu, given up: %s; not checked", src,
		    dst, (unsigned)stream, (unsigned long long)first_frame, why);
}

static void give_up_all(struct sctp_table *t, struct dir *d, const char *why)
{
	struct dir_out o = {t, d};
	sctp_frags_give_up(&d->frags, why, &(struct sctp_frag_out){&o, reassembled, lost});
}

static void remove_dir(struct sctp_table *t, struct dir *victim)
{
	struct dir **p = &t->buckets[bucket_of(&victim->key, t->nbuckets)];
	while (*p != victim)
		p = &(*p)->hnext;
	*p = victim->hnext;
	sctp_frags_clear(&victim->frags);
	free(victim);
	t->count--;
}

/* Make room: forget the least recently active direction. */
static void evict(struct sctp_table *t)
{
	struct dir *victim = NULL;
	for (size_t i = 0; i < t->nbuckets; i++)
		for (struct dir *d = t->buckets[i]; d; d = d->hnext)
			if (!victim || d->last_frame < victim->last_frame)
				victim = d;
	char why[80];
	snprintf(why, sizeof why, "more than %zu SCTP directions at once", t->max_dirs);
	give_up_all(t, victim, why);
	remove_dir(t, victim);
}

static void rehash(struct sctp_table *t)
{
	size_t n = t->nbuckets * 2;
	struct dir **b = calloc(n, sizeof *b);
	if (!b)
		return; /* longer chains, still correct */
	for (size_t i = 0; i < t->nbuckets; i++)
		while (t->buckets[i]) {
			struct dir *d = t->buckets[i];
			t->buckets[i] = d->hnext;
			size_t h = bucket_of(&d->key, n);
			d->hnext = b[h];
			b[h] = d;
		}
	free(t->buckets);
	t->buckets = b;
	t->nbuckets = n;
}

/* The direction of the packet being read, created on first sight; NULL
 * when out of memory (the packet's messages are then not read). */
static struct dir *find_dir(struct sctp_table *t, const struct net_flow_key *k, uint32_t vtag)
{
	struct dir *d = t->buckets[bucket_of(k, t->nbuckets)];
	while (d && !net_flow_equal(&d->key, k))
		d = d->hnext;
	if (!d) {
		if (t->count >= t->max_dirs)
			evict(t);
		if (t->count >= 2 * t->nbuckets)
			rehash(t);
		d = calloc(1, sizeof *d);
		if (!d)
			return NULL;
		d->key = *k;
		d->vtag = vtag;
		size_t h = bucket_of(k, t->nbuckets);
		d->hnext = t->buckets[h];
		t->buckets[h] = d;
		t->count++;
		t->stats.dirs++;
	} else if (d->vtag != vtag) { /* a new association on the same addresses and ports */
		give_up_all(t, d, "a new association started on the same addresses and ports");
		d->vtag = vtag;
		d->have_tsn = false;
	}
	d->last_frame = t->frame;
	return d;
}

/* Move the window n TSNs up: bit i becomes bit i + n. */
static void shift_window(uint64_t *w, uint32_t n)
{
	if (n >= TSN_WINDOW) {
		memset(w, 0, TSN_WORDS * sizeof *w);
		return;
	}
	size_t words = n / 64, bits = n % 64;
	for (size_t i = TSN_WORDS; i-- > 0;) {
		uint64_t v = i >= words ? w[i - words] << bits : 0;
		if (bits && i > words)
			v |= w[i - words - 1] >> (64 - bits);
		w[i] = v;
	}
}

/* Was this TSN seen before in this direction? It is marked seen. One too
 * far below the highest seen to be remembered counts as seen: a sender has
 * far fewer chunks in flight (RFC 9260 §6.1). */
static bool tsn_seen(struct dir *d, uint32_t tsn)
{
	int32_t ahead = (int32_t)(tsn - d->top_tsn);
	if (!d->have_tsn || ahead > 0) {
		if (!d->have_tsn)
			memset(d->seen, 0, sizeof d->seen);
		else
			shift_window(d->seen, (uint32_t)ahead);
		d->have_tsn = true;
		d->top_tsn = tsn;
		d->seen[0] |= 1;
		return false;
	}
	uint32_t back = d->top_tsn - tsn;
	if (back >= TSN_WINDOW)
		return true;
	uint64_t bit = (uint64_t)1 << (back % 64);
	if (d->seen[back / 64] & bit)
		return true;
	d->seen[back / 64] |= bit;
	return false;
}

static void emit(struct sctp_table *t, const struct dir *d, uint16_t stream, uint32_t ppid, const uint8_t *data,
		 size_t len, size_t wire_len, uint64_t first_frame)
{
	struct sctp_message m = {
		.sport = d->key.sport, .dport = d->key.dport, .stream = stream, .ppid = ppid,
		.data = data, .len = len, .wire_len = wire_len, .first_frame = first_frame,
	};
	t->fn(t->ctx, t->ip, &m);
}

/* One DATA or I-DATA chunk: clen bytes on the wire, ccap of them captured
 * (at least its header). */
static void data_chunk(struct sctp_table *t, struct dir *d, uint8_t type, uint8_t flags, const uint8_t *c,
		       size_t clen, size_t ccap)
{
	size_t hdr = type == CHUNK_DATA ? DATA_HEADER : IDATA_HEADER;
	bool idata = type == CHUNK_IDATA;
	struct sctp_frag f = {
		.idata = idata, .unordered = idata && (flags & FLAG_U), .first = flags & FLAG_B,
		.last = flags & FLAG_E, .tsn = rd32(c + 4), .stream = rd16(c + 8), .mid = idata ? rd32(c + 12) : 0,
		.data = c + hdr, .len = ccap - hdr, .wire = clen - hdr, .frame = t->frame,
	};
	/* I-DATA holds the PPID in the first fragment only, where others have the FSN */
	uint32_t ppid_or_fsn = rd32(c + (idata ? 16 : 12));
	f.ppid = !idata || f.first ? ppid_or_fsn : 0;
	f.fsn = idata && !f.first ? ppid_or_fsn : 0;
	if (tsn_seen(d, f.tsn)) {
		t->stats.retransmitted++;
		return;
	}
	struct dir_out o = {t, d};
	struct sctp_frag_out out = {&o, reassembled, lost};
	sctp_frags_expire(&d->frags, d->top_tsn, TSN_WINDOW, &out);
	if (f.first && f.last) {
		if (!idata)
			sctp_frags_whole(&d->frags, f.tsn, &out);
		emit(t, d, f.stream, f.ppid, f.data, f.len, f.wire, t->frame);
		return;
	}
	sctp_frags_add(&d->frags, &f, t->max_bytes, &out);
}

static void packet_notice(struct sctp_table *t, const char *kind, const char *what)
{
	char src[NET_ADDR_STRLEN], dst[NET_ADDR_STRLEN];
	net_addr_format(&t->ip->src, src, sizeof src);
	net_addr_format(&t->ip->dst, dst, sizeof dst);
	notice_emit(&t->notices, t->frame, kind, "SCTP packet %s -> %s: %s", src, dst, what);
}

void sctp_packet_in(struct sctp_table *t, const struct net_ip *ip, const uint8_t *p, size_t cap, size_t wire,
		    uint64_t frame)
{
	t->frame = frame;
	t->ip = ip;
	if (wire < COMMON_HEADER) {
		packet_notice(t, "malformed-packet", "shorter than the 12 bytes of its common header");
		return;
	}
	if (cap < COMMON_HEADER) {
		packet_notice(t, "frame-truncated",
			      "cut short by the capture's snapshot length inside its common header, before it could be told whether it carries SIP; not checked");
		return;
	}
	struct net_flow_key k;
	memset(&k, 0, sizeof k);
	k.src = ip->src;
	k.dst = ip->dst;
	k.sport = rd16(p);
	k.dport = rd16(p + 2);
	uint32_t vtag = rd32(p + 4);
	struct dir *d = NULL;
	for (size_t off = COMMON_HEADER; off < wire;) {
		if (wire - off < 4) {
			packet_notice(t, "malformed-packet", "bytes after its last chunk that are not a chunk");
			return;
		}
		if (cap < off + 4) {
			packet_notice(t, "frame-truncated",
				      "cut short by the capture's snapshot length between chunks; the chunks after it could not be read, not checked");
			return;
		}
		uint8_t type = p[off], flags = p[off + 1];
		size_t clen = rd16(p + off + 2);
		if (clen < 4 || clen > wire - off) {
			char what[120];
			if (clen < 4)
				snprintf(what, sizeof what, "chunk of type %u at byte %zu has length %zu (at least 4)",
					 (unsigned)type, off, clen);
			else
				snprintf(what, sizeof what,
					 "chunk of type %u at byte %zu has length %zu, beyond the packet's %zu bytes",
					 (unsigned)type, off, clen, wire);
			packet_notice(t, "malformed-packet", what);
			return;
		}
		size_t hdr = type == CHUNK_DATA ? DATA_HEADER : IDATA_HEADER;
		if (type == CHUNK_DATA || type == CHUNK_IDATA) {
			size_t ccap = cap - off < clen ? cap - off : clen;
			if (clen <= hdr) {
				char what[120];
				snprintf(what, sizeof what, "%s chunk at byte %zu carries no user data",
					 type == CHUNK_DATA ? "DATA" : "I-DATA", off);
				packet_notice(t, "malformed-packet", what);
			} else if (ccap < hdr) {
				packet_notice(t, "frame-truncated",
					      "cut short by the capture's snapshot length inside a chunk header, before it could be told whether it carries SIP; not checked");
				return;
			} else if ((d = d ? d : find_dir(t, &k, vtag)) != NULL) {
				data_chunk(t, d, type, flags, p + off, clen, ccap);
			}
			if (ccap < clen)
				return; /* the capture ends inside this chunk */
		}
		off += (clen + 3) & ~(size_t)3; /* chunks are padded to 4 bytes */
	}
}

void sctp_table_flush(struct sctp_table *t, uint64_t frame)
{
	t->frame = frame;
	for (size_t i = 0; i < t->nbuckets; i++)
		for (struct dir *d = t->buckets[i]; d; d = d->hnext)
			give_up_all(t, d, NULL);
}

void sctp_table_free(struct sctp_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nbuckets; i++)
		while (t->buckets[i])
			remove_dir(t, t->buckets[i]);
	free(t->buckets);
	free(t);
}

const struct sctp_stats *sctp_table_stats(const struct sctp_table *t) { return &t->stats; }
