/* SPDX-License-Identifier: MIT */
/* Sequence numbers are compared modulo 2^32 (RFC 793 §3.3). A direction seen
 * from its SYN starts at ISN + 1 and decides from its first line whether it is
 * SIP; a direction joined mid-way starts at its first data segment and skips
 * to the first SIP start line. Closed directions stay in the table (without
 * buffers) so that late retransmissions are recognised as such, until room
 * is needed. The table keeps two lists, least recently active first: flows
 * with nothing to lose (closed, or that never carried a byte: a port scan's
 * SYNs), which are dropped first and silently, and the others; so making
 * room is O(1) however many flows there are. A direction's
 * first bytes choose its reader: "GET " may open a WebSocket upgrade, and
 * "HTTP/" may answer one when the other direction asked; anything else is
 * read as SIP, as is a WebSocket upgrade that is not accepted (and then
 * ignored, HTTP not being SIP); "HEP3" opens a stream of HEPv3 packets,
 * whether the direction was seen from its SYN or joined mid-way at a packet
 * boundary. A direction joined inside a HEP packet is looked through for
 * the next packet's header before it is taken for SIP. */
#include "tcpreasm.h"

#include "hepstream.h"
#include "sipdetect.h"
#include "websocket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OOO_SEGMENTS 1024u

struct segment {
	struct segment *next;
	uint32_t seq;
	uint32_t wire_len; /* bytes the segment carried on the wire */
	uint32_t cap_len;  /* bytes of it in the capture */
	struct tcp_when when; /* the frame that carried it */
	uint8_t data[];
};

enum flow_reader {
	READER_UNDECIDED, /* no byte yet, or too few to tell (in head) */
	READER_SIP,       /* stream */
	READER_WS,        /* ws */
	READER_HEP,       /* hep */
};

/* A list of flows through their prev/next, least recently active first. */
struct flow_list {
	struct flow *first, *last;
};

struct flow {
	struct flow *hnext;
	struct flow *prev, *next; /* in the table's idle or busy list */
	struct flow_list *list;
	struct net_flow_key key;
	struct tcp_table *table;
	bool started, syn_seen, closed, fin_seen;
	bool had_payload;      /* a segment with data was seen (since the last SYN) */
	bool ack_seen;         /* the other direction acknowledged ... */
	uint32_t acked;        /* ... up to here, in its latest segment */
	uint32_t isn, next_seq, fin_seq;
	uint32_t seen_end;     /* the end of the furthest data seen */
	struct segment *ooo; /* sorted by seq */
	size_t ooo_bytes, ooo_count;
	struct sipstream stream;
	bool stream_live;
	enum flow_reader reader;
	uint8_t head[8];       /* READER_UNDECIDED: the first bytes */
	size_t head_len;
	struct ws_stream ws;   /* READER_WS */
	struct hep_stream hep; /* READER_HEP */
	bool answer_passed;    /* READER_WS server: the client direction was told the answer */
};

struct tcp_table {
	struct flow **buckets;
	size_t nbuckets, count, max_flows, max_flow_bytes;
	struct flow_list idle; /* closed, or never carried a byte: dropped first, silently */
	struct flow_list busy; /* the others */
	tcp_emit_fn emit;
	void *ctx;
	struct tcp_when now; /* what the flows' events are reported at: the frame being
	                        processed, or a held segment's (drain) */
	struct tcp_stats stats;
};

static int32_t seq_diff(uint32_t a, uint32_t b) { return (int32_t)(a - b); }

struct tcp_table *tcp_table_new(size_t max_flows, size_t max_flow_bytes, tcp_emit_fn emit, void *ctx)
{
	struct tcp_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->nbuckets = 1024;
	t->buckets = calloc(t->nbuckets, sizeof *t->buckets);
	if (!t->buckets) {
		free(t);
		return NULL;
	}
	t->max_flows = max_flows ? max_flows : 1;
	t->max_flow_bytes = max_flow_bytes;
	t->emit = emit;
	t->ctx = ctx;
	return t;
}

static void free_ooo(struct flow *f)
{
	while (f->ooo) {
		struct segment *s = f->ooo;
		f->ooo = s->next;
		free(s);
	}
	f->ooo_bytes = f->ooo_count = 0;
}

static void stream_event(void *ctx, const struct sipstream_event *ev)
{
	struct flow *f = ctx;
	enum tcp_carrier carrier = f->reader == READER_WS ? TCP_CARRIES_WS
				   : f->reader == READER_HEP ? TCP_CARRIES_HEP
							     : TCP_CARRIES_SIP;
	f->table->emit(f->table->ctx, &f->key, &f->table->now, carrier, ev);
}

static void flow_notice(struct flow *f, const char *kind, const char *text)
{
	struct sipstream_event ev = {.kind = SIPSTREAM_NOTICE, .notice_kind = kind, .text = text};
	stream_event(f, &ev);
}

static void release_readers(struct flow *f)
{
	if (f->stream_live)
		sipstream_release(&f->stream);
	if (f->reader == READER_WS)
		ws_release(&f->ws);
	if (f->reader == READER_HEP)
		hep_stream_release(&f->hep);
	f->stream_live = false;
	f->reader = READER_UNDECIDED;
	f->head_len = 0;
}

static void start_stream(struct flow *f, enum sipstream_mode mode)
{
	release_readers(f);
	sipstream_init(&f->stream, mode, f->table->max_flow_bytes, stream_event, f);
	f->stream_live = true;
	f->answer_passed = false;
}

static struct flow *find_flow(struct tcp_table *t, const struct net_flow_key *k, bool create);

static struct flow *reverse_flow(struct flow *f)
{
	struct net_flow_key r = {.src = f->key.dst, .dst = f->key.src, .sport = f->key.dport, .dport = f->key.sport};
	return find_flow(f->table, &r, false);
}

/* The client direction of this (server) direction, waiting for the answer. */
static struct flow *awaiting_client(struct flow *f)
{
	struct flow *r = reverse_flow(f);
	return r && r->reader == READER_WS && r->ws.role == WS_CLIENT && r->ws.state == WS_ST_AWAIT_ANSWER ? r : NULL;
}

static void read_bytes(struct flow *f, const uint8_t *data, size_t len)
{
	if (f->reader == READER_SIP) {
		sipstream_feed(&f->stream, data, len);
		return;
	}
	if (f->reader == READER_HEP) {
		hep_stream_feed(&f->hep, data, len);
		return;
	}
	ws_feed(&f->ws, data, len);
	if (f->ws.role == WS_SERVER && f->ws.answer != WS_ANSWER_NONE && !f->answer_passed) {
		f->answer_passed = true;
		struct flow *client = awaiting_client(f);
		if (client)
			ws_answered(&client->ws, f->ws.answer == WS_ANSWER_ACCEPTED, &f->ws.ext);
	}
}

/* The head bytes held while undecided go to the SIP reader. */
static void decide_sip(struct flow *f)
{
	uint8_t head[sizeof f->head];
	size_t n = f->head_len;
	memcpy(head, f->head, n);
	f->head_len = 0;
	f->reader = READER_SIP;
	if (n)
		sipstream_feed(&f->stream, head, n);
}

/* A direction joined inside a HEPv3 packet: its first bytes (the held head,
 * then data) are the rest of that packet, and the next one starts further
 * on. When a header that looks real is found there, the bytes before it are
 * skipped and said, and the direction is read as HEP from it; true then.
 * Only the first segment is looked through: past it, the SIP reader's
 * resync takes over. */
static bool join_hep(struct flow *f, const uint8_t *data, size_t len)
{
	uint8_t joint[sizeof f->head + HEP_STREAM_PROBE];
	size_t n = f->head_len, add = len < HEP_STREAM_PROBE ? len : HEP_STREAM_PROBE;
	memcpy(joint, f->head, n);
	memcpy(joint + n, data, add);
	enum sip_detect sip = sip_detect_start_line(n ? joint : data, n ? n + add : len, false);
	if (sip == SIP_MAYBE || (sip == SIP_YES && sip_detect_known_start(n ? joint : data, n ? n + add : len)))
		return false; /* SIP from its first byte: no packet to look past */
	size_t at = hep_stream_find(joint, n + add); /* a header that starts in the head */
	if (at >= n)
		at = n + hep_stream_find(data, len);
	if (at == n + len)
		return false;
	f->reader = READER_HEP;
	hep_stream_init(&f->hep, f->table->max_flow_bytes, stream_event, f);
	f->head_len = 0;
	char text[160];
	snprintf(text, sizeof text, "joined inside a HEP packet: %zu bytes skipped to the first HEP3 packet", at);
	flow_notice(f, "hep-resync", text);
	if (at < n) {
		read_bytes(f, joint + at, n - at);
		read_bytes(f, data, len);
	} else {
		read_bytes(f, data + (at - n), len - (at - n));
	}
	return true;
}

/* In-order bytes of the direction, to its reader (chosen on the first bytes). */
static void feed(struct flow *f, const uint8_t *data, size_t len)
{
	if (!len)
		return;
	if (f->reader == READER_UNDECIDED) {
		uint8_t first[sizeof f->head];
		size_t n = f->head_len, add = len < sizeof first - n ? len : sizeof first - n;
		memcpy(first, f->head, n);
		memcpy(first + n, data, add);
		enum ws_start st = ws_detect_start(first, n + add);
		enum hep_stream_start hep = hep_stream_detect(first, n + add);
		if (st == WS_START_MAYBE || hep == HEP_START_MAYBE) { /* fewer than 5 bytes so far: all of them fit */
			memcpy(f->head + n, data, len);
			f->head_len += len;
			return;
		}
		if (hep == HEP_START_YES) {
			f->reader = READER_HEP;
			hep_stream_init(&f->hep, f->table->max_flow_bytes, stream_event, f);
			f->head_len = 0;
			if (n)
				read_bytes(f, first, n);
		} else if (st == WS_START_REQUEST || (st == WS_START_RESPONSE && awaiting_client(f))) {
			f->reader = READER_WS;
			ws_init(&f->ws, st == WS_START_REQUEST ? WS_CLIENT : WS_SERVER, f->table->max_flow_bytes,
				stream_event, f);
			f->head_len = 0;
			if (n)
				read_bytes(f, first, n);
		} else if (!f->syn_seen && join_hep(f, data, len)) {
			return;
		} else {
			decide_sip(f);
		}
	}
	read_bytes(f, data, len);
}

static size_t pending(const struct flow *f)
{
	return f->reader == READER_WS	 ? ws_pending(&f->ws)
	       : f->reader == READER_HEP ? hep_stream_pending(&f->hep)
	       : f->reader == READER_SIP ? sipstream_pending(&f->stream)
					 : f->head_len;
}

/* Another protocol, or a reader that gave up: nothing is held for it. */
static bool ignoring(const struct flow *f)
{
	return f->reader == READER_WS ? ws_ignoring(&f->ws)
	       : f->reader == READER_HEP ? false /* it looks for the next packet */
					 : f->stream.state == SIPSTREAM_ST_NOT_SIP;
}

/* Say that `missing` bytes were never seen before `at`, and why. by_snaplen:
 * the capture did not keep them (the frame was cut short), which on a flow
 * that has shown it carries SIP (a start line, or the sip subprotocol of a
 * WebSocket upgrade) is SIP that could not be checked; lost packets are
 * not, nor a cut on a flow still too short to tell what it carries. */
static void declare_gap(struct flow *f, uint32_t missing, const char *why, bool by_snaplen)
{
	char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN], text[320];
	net_endpoint_format(&f->key.src, f->key.sport, src, sizeof src);
	net_endpoint_format(&f->key.dst, f->key.dport, dst, sizeof dst);
	size_t dropped;
	bool sip; /* asked before the gap, which may make the reader give up */
	if (f->reader == READER_WS) {
		sip = ws_carries_sip(&f->ws);
		dropped = ws_gap(&f->ws, missing);
	} else if (f->reader == READER_HEP) {
		sip = hep_stream_in_sip_packet(&f->hep);
		dropped = hep_stream_gap(&f->hep, missing);
	} else {
		decide_sip(f);
		sip = sipstream_carries_sip(&f->stream);
		dropped = sipstream_gap(&f->stream, missing);
	}
	int n = snprintf(text, sizeof text, "%u bytes of TCP %s -> %s missing (seq %u to %u, %s)", missing, src, dst,
			 f->next_seq, f->next_seq + missing, why);
	if (dropped && n > 0 && (size_t)n < sizeof text)
		snprintf(text + n, sizeof text - (size_t)n, "; an unfinished message of %zu bytes before it was dropped",
			 dropped);
	f->next_seq += missing;
	f->table->stats.gaps++;
	struct sipstream_event ev = {.kind = SIPSTREAM_NOTICE, .notice_kind = "tcp-gap", .text = text,
				     .cut_short = by_snaplen && sip};
	stream_event(f, &ev);
}

/* In-order bytes: to the stream; a tail the capture did not keep is a gap. */
static void deliver(struct flow *f, const uint8_t *data, uint32_t cap_len, uint32_t wire_len)
{
	feed(f, data, cap_len);
	f->next_seq += cap_len;
	if (cap_len < wire_len)
		declare_gap(f, wire_len - cap_len, "the frame was cut short by the capture's snapshot length", true);
}

/* Hand on held segments that the in-order data now reaches. What they
 * complete is reported at the latest frame of `since` (the frame whose data
 * reached them, or none after a hole declared lost: the reader starts again
 * after it, so nothing before the hole counts) and theirs: a message is
 * complete in the capture only once all of its bytes are. */
static void drain(struct flow *f, struct tcp_when since)
{
	struct tcp_table *t = f->table;
	struct tcp_when now = t->now;
	while (f->ooo && seq_diff(f->ooo->seq, f->next_seq) <= 0) {
		struct segment *s = f->ooo;
		f->ooo = s->next;
		f->ooo_bytes -= s->cap_len;
		f->ooo_count--;
		if (s->when.frame > since.frame)
			since = s->when;
		int32_t end = seq_diff(s->seq + s->wire_len, f->next_seq);
		if (end > 0) { /* part of it is new */
			uint32_t trim = f->next_seq - s->seq;
			uint32_t cap = s->cap_len > trim ? s->cap_len - trim : 0;
			t->now = since;
			deliver(f, s->data + (s->cap_len - cap), cap, s->wire_len - trim);
			t->now = now;
		}
		free(s);
	}
}

/* The hole before the first held segment will not be filled: said at the
 * frame being processed, the held segments after it at their own. */
static void gap_to_first(struct flow *f, const char *why)
{
	declare_gap(f, f->ooo->seq - f->next_seq, why, false);
	drain(f, (struct tcp_when){0});
}

/* The other direction's latest acknowledgement reaches past the hole before
 * the first held segment (and no further than the bytes seen, so that a
 * stray number is not believed): the receiver got the bytes that the
 * capture lost, which will not come now. */
static void gaps_acked(struct flow *f)
{
	while (f->ack_seen && f->ooo && !f->closed && seq_diff(f->acked, f->ooo->seq) >= 0 &&
	       seq_diff(f->acked, f->seen_end) <= 0)
		gap_to_first(f, "the receiver acknowledged them: the capture lost them");
}

static void hold(struct flow *f, uint32_t seq, const uint8_t *data, uint32_t cap_len, uint32_t wire_len)
{
	struct segment **at = &f->ooo;
	while (*at && seq_diff((*at)->seq, seq) < 0)
		at = &(*at)->next;
	if (*at && (*at)->seq == seq && (*at)->wire_len >= wire_len) {
		f->table->stats.retransmitted++; /* the same out-of-order segment again */
		return;
	}
	struct segment *s = malloc(sizeof *s + cap_len);
	if (!s) {
		flow_notice(f, "tcp-buffer-limit", "out of memory for an out-of-order TCP segment; treated as lost");
		return;
	}
	s->seq = seq;
	s->wire_len = wire_len;
	s->cap_len = cap_len;
	s->when = f->table->now;
	memcpy(s->data, data, cap_len);
	s->next = *at;
	*at = s;
	f->ooo_bytes += cap_len;
	f->ooo_count++;
	if (f->ooo_bytes + pending(f) > f->table->max_flow_bytes || f->ooo_count > MAX_OOO_SEGMENTS)
		gap_to_first(f, "the segments after it exceed the flow buffer limit");
	else
		gaps_acked(f); /* acknowledged before the capture saw this segment */
}

static void finish(struct flow *f, const char *why)
{
	while (f->ooo)
		gap_to_first(f, why);
	if (f->reader == READER_WS) {
		ws_finish(&f->ws);
	} else if (f->reader == READER_HEP) {
		hep_stream_finish(&f->hep);
	} else if (f->stream_live) {
		decide_sip(f);
		sipstream_finish(&f->stream);
	}
	release_readers(f);
	f->closed = true;
}

static void data_in(struct flow *f, uint32_t seq, const uint8_t *data, uint32_t cap_len, uint32_t wire_len)
{
	if (wire_len == 0 || f->closed)
		return;
	if (!f->had_payload || seq_diff(seq + wire_len, f->seen_end) > 0)
		f->seen_end = seq + wire_len;
	f->had_payload = true;
	if (ignoring(f)) { /* another protocol: hold nothing for it */
		free_ooo(f);
		return;
	}
	if (seq_diff(seq + wire_len, f->next_seq) <= 0) {
		f->table->stats.retransmitted++;
		return;
	}
	if (seq_diff(seq, f->next_seq) < 0) { /* overlaps what we have: keep only the new part */
		uint32_t trim = f->next_seq - seq;
		cap_len = cap_len > trim ? cap_len - trim : 0;
		data += trim;
		wire_len -= trim;
		seq = f->next_seq;
	}
	if (seq != f->next_seq) {
		hold(f, seq, data, cap_len, wire_len);
		return;
	}
	deliver(f, data, cap_len, wire_len);
	drain(f, f->table->now);
}

static void rehash(struct tcp_table *t)
{
	size_t n = t->nbuckets * 2;
	struct flow **b = calloc(n, sizeof *b);
	if (!b)
		return; /* longer chains, still correct */
	for (size_t i = 0; i < t->nbuckets; i++) {
		while (t->buckets[i]) {
			struct flow *f = t->buckets[i];
			t->buckets[i] = f->hnext;
			size_t h = net_flow_hash(&f->key) & (n - 1);
			f->hnext = b[h];
			b[h] = f;
		}
	}
	free(t->buckets);
	t->buckets = b;
	t->nbuckets = n;
}

static void unlink_flow(struct flow *f)
{
	struct flow_list *l = f->list;
	*(f->prev ? &f->prev->next : &l->first) = f->next;
	*(f->next ? &f->next->prev : &l->last) = f->prev;
	f->prev = f->next = NULL;
	f->list = NULL;
}

/* The flow was active: to the end of the list that fits its state now. */
static void touch(struct flow *f)
{
	struct tcp_table *t = f->table;
	struct flow_list *l = f->closed || !f->had_payload ? &t->idle : &t->busy;
	if (f->list)
		unlink_flow(f);
	f->list = l;
	f->prev = l->last;
	*(l->last ? &l->last->next : &l->first) = f;
	l->last = f;
}

static bool carries_sip(const struct flow *f)
{
	return f->reader == READER_WS	 ? ws_carries_sip(&f->ws)
	       : f->reader == READER_HEP ? true /* a collector's feed, SIP among it */
					 : f->stream_live && sipstream_carries_sip(&f->stream);
}

static void remove_flow(struct tcp_table *t, struct flow *victim)
{
	unlink_flow(victim);
	struct flow **p = &t->buckets[net_flow_hash(&victim->key) & (t->nbuckets - 1)];
	while (*p != victim)
		p = &(*p)->hnext;
	*p = victim->hnext;
	free_ooo(victim);
	release_readers(victim);
	free(victim);
	t->count--;
}

/* Make room: drop the least recently active flow, one with nothing to lose
 * first. Said only when the flow held bytes or carried SIP: what it still
 * had is reported, and later segments will start it again mid-way. */
static void evict(struct tcp_table *t)
{
	struct flow *victim = t->idle.first ? t->idle.first : t->busy.first;
	if (!victim->closed) {
		bool tell = victim->ooo || pending(victim) || carries_sip(victim);
		finish(victim, "its flow was dropped from the table");
		if (tell) {
			char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN], text[200];
			net_endpoint_format(&victim->key.src, victim->key.sport, src, sizeof src);
			net_endpoint_format(&victim->key.dst, victim->key.dport, dst, sizeof dst);
			snprintf(text, sizeof text, "more than %zu TCP flows at once: stopped following %s -> %s",
				 t->max_flows, src, dst);
			flow_notice(victim, "tcp-flow-limit", text);
		}
	}
	remove_flow(t, victim);
}

static struct flow *find_flow(struct tcp_table *t, const struct net_flow_key *k, bool create)
{
	size_t h = net_flow_hash(k) & (t->nbuckets - 1);
	for (struct flow *f = t->buckets[h]; f; f = f->hnext)
		if (net_flow_equal(&f->key, k))
			return f;
	if (!create)
		return NULL;
	if (t->count >= t->max_flows)
		evict(t);
	if (t->count >= 2 * t->nbuckets) {
		rehash(t);
	}
	h = net_flow_hash(k) & (t->nbuckets - 1);
	struct flow *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->key = *k;
	f->table = t;
	f->hnext = t->buckets[h];
	t->buckets[h] = f;
	touch(f);
	t->count++;
	t->stats.flows++;
	return f;
}

/* The acknowledgement in a segment of f's other direction. */
static void ack_in(struct tcp_table *t, const struct net_flow_key *k, uint32_t ack)
{
	struct net_flow_key r = {.src = k->dst, .dst = k->src, .sport = k->dport, .dport = k->sport};
	struct flow *f = find_flow(t, &r, false);
	if (!f || !f->started || f->closed)
		return;
	f->ack_seen = true;
	f->acked = ack;
	gaps_acked(f);
}

static void segment_in(struct flow *f, const struct net_tcp *seg)
{
	bool syn = seg->flags & NET_TCP_SYN, rst = seg->flags & NET_TCP_RST, fin = seg->flags & NET_TCP_FIN;
	if (rst) { /* the connection is gone; what is held will never complete */
		if (!f->closed)
			finish(f, "the connection was reset");
		return;
	}
	uint32_t seq = seg->seq;
	if (syn) {
		if (f->syn_seen && f->isn == seq)
			return; /* a retransmitted SYN (or SYN-ACK) */
		if (f->started && !f->closed)
			finish(f, "a new connection started on the same addresses and ports");
		free_ooo(f);
		f->started = f->syn_seen = true;
		f->closed = f->fin_seen = f->had_payload = f->ack_seen = false;
		f->isn = seq;
		f->next_seq = seq + 1;
		start_stream(f, SIPSTREAM_DETECT);
		seq++;
	} else if (!f->started) {
		f->started = true;
		f->next_seq = seq;
		start_stream(f, SIPSTREAM_MIDSTREAM);
	}
	data_in(f, seq, seg->payload, (uint32_t)seg->payload_len, (uint32_t)seg->payload_wire_len);
	if (fin && !f->closed) {
		f->fin_seen = true;
		f->fin_seq = seq + (uint32_t)seg->payload_wire_len;
	}
	if (f->fin_seen && !f->closed && f->next_seq == f->fin_seq && !f->ooo)
		finish(f, "the connection was closed");
}

void tcp_segment_in(struct tcp_table *t, const struct net_addr *src, const struct net_addr *dst,
		    const struct net_tcp *seg, const struct tcp_when *when)
{
	struct net_flow_key k;
	memset(&k, 0, sizeof k);
	k.src = *src;
	k.dst = *dst;
	k.sport = seg->sport;
	k.dport = seg->dport;
	t->now = *when;
	if ((seg->flags & (NET_TCP_ACK | NET_TCP_RST)) == NET_TCP_ACK)
		ack_in(t, &k, seg->ack);
	struct flow *f = find_flow(t, &k, (seg->flags & NET_TCP_SYN) || seg->payload_wire_len > 0);
	if (!f)
		return;
	segment_in(f, seg);
	touch(f);
}

void tcp_table_flush(struct tcp_table *t, const struct tcp_when *when)
{
	t->now = *when;
	for (size_t i = 0; i < t->nbuckets; i++)
		for (struct flow *f = t->buckets[i]; f; f = f->hnext)
			if (!f->closed && f->started)
				finish(f, "the capture ends before the missing bytes");
}

void tcp_table_free(struct tcp_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nbuckets; i++)
		while (t->buckets[i])
			remove_flow(t, t->buckets[i]);
	free(t->buckets);
	free(t);
}

const struct tcp_stats *tcp_table_stats(const struct tcp_table *t) { return &t->stats; }
