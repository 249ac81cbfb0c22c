/* SPDX-License-Identifier: MIT */
/* SCTP fragments held until their message is whole (sctpfrag.h). Each
 * message in progress is a group: DATA fragments that join up by TSN, or
 * the I-DATA fragments of one (stream, U, MID), in FSN order. A group given
 * up keeps only what tells its later fragments apart (it is "dropped")
 * until it is complete or too old. */
#include "sctpfrag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a fragment counts toward the byte limit: at least this much, so
 * that fragments with little or no data kept cannot pile up unbounded. */
#define MIN_CHARGE 64

struct piece {
	uint32_t seq; /* DATA: the TSN; I-DATA: the FSN */
	size_t len, wire;
	uint8_t *data;
};

struct sctp_frag_group {
	struct sctp_frag_group *next;
	bool idata, unordered;
	bool dropped;             /* given up: pieces freed, later fragments let go */
	bool has_first, has_last; /* its B and E fragments are held */
	uint16_t stream;
	uint32_t mid;
	uint32_t ppid;
	uint32_t first_seq, last_seq; /* DATA: the TSNs it runs between */
	uint32_t newest_tsn;      /* of the last fragment that joined it */
	struct piece *p;          /* by seq; none once dropped */
	size_t n, cap;
	size_t charged;           /* counted in sctp_frags.bytes */
	uint64_t first_frame;     /* the earliest frame of a fragment of it */
};

static size_t charge(size_t len) { return len < MIN_CHARGE ? MIN_CHARGE : len; }

static void *mem_resize(struct sctp_frags *h, void *p, size_t size)
{
	return h->alloc ? h->alloc->resize(h->alloc->ctx, p, size) : realloc(p, size);
}

static void mem_release(struct sctp_frags *h, void *p)
{
	if (h->alloc)
		h->alloc->release(h->alloc->ctx, p);
	else
		free(p);
}

static void free_pieces(struct sctp_frags *h, struct sctp_frag_group *g)
{
	for (size_t i = 0; i < g->n; i++)
		mem_release(h, g->p[i].data);
	mem_release(h, g->p);
	g->p = NULL;
	g->n = g->cap = 0;
	h->bytes -= g->charged;
	g->charged = 0;
}

static void remove_group(struct sctp_frags *h, struct sctp_frag_group *g)
{
	struct sctp_frag_group **pp = &h->groups;
	while (*pp != g)
		pp = &(*pp)->next;
	*pp = g->next;
	free_pieces(h, g);
	mem_release(h, g);
}

/* Does seq b come right after a in the group's numbering? */
static bool follows(uint32_t a, uint32_t b) { return b == a + 1; }

/* The user data from the first fragment on, as far as the fragments join
 * up: a message (complete), or one cut short by the capture (a fragment
 * in that run was cut). Returns false when it is neither. */
static bool deliver(struct sctp_frags *h, struct sctp_frag_group *g, bool complete, const struct sctp_frag_out *out)
{
	if (!g->has_first || !g->n)
		return false;
	size_t upto = 0, len = 0, wire = 0;
	bool cut = false;
	for (; upto < g->n && (!upto || follows(g->p[upto - 1].seq, g->p[upto].seq)); upto++) {
		if (!cut)
			len += g->p[upto].len;
		wire += g->p[upto].wire;
		cut |= g->p[upto].len < g->p[upto].wire;
	}
	if (!complete && !cut)
		return false;
	uint8_t *buf = mem_resize(h, NULL, len ? len : 1);
	if (!buf)
		return false;
	size_t at = 0;
	for (size_t i = 0; at < len; i++) {
		size_t n = g->p[i].len < len - at ? g->p[i].len : len - at;
		memcpy(buf + at, g->p[i].data, n);
		at += n;
	}
	/* cut and not complete: more may have followed */
	out->message(out->ctx, g->stream, g->ppid, buf, len, wire + !complete, g->first_frame);
	mem_release(h, buf);
	return true;
}

/* What the group still lacks, for a notice. ended: the capture ended. */
static void describe(const struct sctp_frag_group *g, bool ended, uint32_t window, char *why, size_t size)
{
	uint32_t gap = 0;
	bool has_gap = false;
	for (size_t i = 1; i < g->n && !has_gap; i++)
		if (!follows(g->p[i - 1].seq, g->p[i].seq)) {
			has_gap = true;
			gap = g->p[i - 1].seq + 1;
		}
	if (!g->has_first)
		snprintf(why, size, "its first fragment is not in the capture");
	else if (has_gap)
		snprintf(why, size, "the fragment with %s %u is missing", g->idata ? "FSN" : "TSN", (unsigned)gap);
	else if (ended)
		snprintf(why, size, "the capture ends before its last fragment");
	else
		snprintf(why, size, "its last fragment did not come within %u TSNs", (unsigned)window);
}

/* Give the group up: what the capture cut short of it goes out as such,
 * else a notice says why. It stays, dropped, to let its later fragments go. */
static void give_up(struct sctp_frags *h, struct sctp_frag_group *g, const char *why, const struct sctp_frag_out *out)
{
	if (g->dropped)
		return;
	if (!deliver(h, g, false, out))
		out->lost(out->ctx, g->stream, g->first_frame, why);
	free_pieces(h, g);
	g->dropped = true;
}

/* The DATA group that ends just before tsn and waits for more (end), or
 * that starts just after it and waits for its start (!end). */
static struct sctp_frag_group *data_neighbour(struct sctp_frags *h, uint32_t tsn, bool end)
{
	for (struct sctp_frag_group *g = h->groups; g; g = g->next)
		if (!g->idata && (end ? !g->has_last && g->last_seq + 1 == tsn : !g->has_first && g->first_seq == tsn + 1))
			return g;
	return NULL;
}

/* A DATA chunk holds TSN tsn (fragment f, or a whole message when f is
 * NULL): the groups next to it that it cannot join are given up. Returns
 * through *before and *after those it can join. */
static void data_neighbours(struct sctp_frags *h, uint32_t tsn, const struct sctp_frag *f, const struct sctp_frag_out *out,
			    struct sctp_frag_group **before, struct sctp_frag_group **after)
{
	char why[120];
	struct sctp_frag_group *b = data_neighbour(h, tsn, true), *a = data_neighbour(h, tsn, false);
	if (b && (!f || f->first || f->stream != b->stream)) {
		snprintf(why, sizeof why, "its last fragment did not come before the next message (TSN %u)", (unsigned)tsn);
		give_up(h, b, why, out);
		b = NULL;
	}
	if (a && (!f || f->last || f->stream != a->stream)) {
		give_up(h, a, "its first fragment is not in the capture", out);
		a = NULL;
	}
	*before = b;
	*after = a;
}

void sctp_frags_whole(struct sctp_frags *h, uint32_t tsn, const struct sctp_frag_out *out)
{
	struct sctp_frag_group *b, *a;
	data_neighbours(h, tsn, NULL, out, &b, &a);
}

static struct sctp_frag_group *new_group(struct sctp_frags *h, const struct sctp_frag *f)
{
	struct sctp_frag_group *g = mem_resize(h, NULL, sizeof *g);
	if (!g)
		return NULL;
	*g = (struct sctp_frag_group){0};
	g->idata = f->idata;
	g->unordered = f->unordered;
	g->stream = f->stream;
	g->mid = f->mid;
	g->first_seq = g->last_seq = f->tsn;
	g->first_frame = f->frame;
	g->next = h->groups;
	h->groups = g;
	return g;
}

/* Put f's piece at position at of the group (its data copied unless the
 * group was given up); false when out of memory. */
static bool add_piece(struct sctp_frags *h, struct sctp_frag_group *g, const struct sctp_frag *f, uint32_t seq,
		      size_t at)
{
	if (f->first) {
		g->has_first = true;
		g->ppid = f->ppid;
	}
	g->has_last |= f->last;
	g->newest_tsn = f->tsn;
	if (f->frame < g->first_frame)
		g->first_frame = f->frame;
	if (g->dropped)
		return true;
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 4;
		struct piece *p = mem_resize(h, g->p, cap * sizeof *p);
		if (!p)
			return false;
		g->p = p;
		g->cap = cap;
	}
	uint8_t *data = mem_resize(h, NULL, f->len ? f->len : 1);
	if (!data)
		return false;
	memcpy(data, f->data, f->len);
	memmove(g->p + at + 1, g->p + at, (g->n - at) * sizeof *g->p);
	g->p[at] = (struct piece){.seq = seq, .len = f->len, .wire = f->wire, .data = data};
	g->n++;
	g->charged += charge(f->len);
	h->bytes += charge(f->len);
	return true;
}

/* Append group a (which starts right after g ends) to g. */
static bool join(struct sctp_frags *h, struct sctp_frag_group *g, struct sctp_frag_group *a)
{
	g->last_seq = a->last_seq;
	g->has_last = a->has_last;
	g->newest_tsn = a->newest_tsn;
	if (a->first_frame < g->first_frame)
		g->first_frame = a->first_frame;
	if (a->dropped || g->dropped) {
		free_pieces(h, g);
		g->dropped = true;
	} else {
		if (g->n + a->n > g->cap) {
			struct piece *p = mem_resize(h, g->p, (g->n + a->n) * sizeof *p);
			if (!p)
				return false;
			g->p = p;
			g->cap = g->n + a->n;
		}
		memcpy(g->p + g->n, a->p, a->n * sizeof *a->p);
		g->n += a->n;
		g->charged += a->charged;
		mem_release(h, a->p);
		a->p = NULL;
		a->n = a->cap = a->charged = 0;
	}
	remove_group(h, a);
	return true;
}

static bool data_fragment(struct sctp_frags *h, const struct sctp_frag *f, const struct sctp_frag_out *out,
			  struct sctp_frag_group **gp)
{
	struct sctp_frag_group *b, *a;
	data_neighbours(h, f->tsn, f, out, &b, &a);
	struct sctp_frag_group *g = b ? b : new_group(h, f);
	*gp = g;
	if (!g)
		return false;
	g->last_seq = f->tsn;
	if (!add_piece(h, g, f, f->tsn, g->n))
		return false;
	return !a || join(h, g, a);
}

static bool idata_fragment(struct sctp_frags *h, const struct sctp_frag *f, const struct sctp_frag_out *out,
			   struct sctp_frag_group **gp)
{
	struct sctp_frag_group *g = h->groups;
	while (g && !(g->idata && g->stream == f->stream && g->unordered == f->unordered && g->mid == f->mid))
		g = g->next;
	if (!g && !(g = new_group(h, f)))
		return false;
	*gp = g;
	uint32_t fsn = f->first ? 0 : f->fsn;
	if (g->dropped)
		return add_piece(h, g, f, fsn, 0);
	size_t at = 0;
	while (at < g->n && g->p[at].seq < fsn)
		at++;
	if (at < g->n && g->p[at].seq == fsn)
		return true; /* a copy of one held: the first is kept */
	if ((f->last && (g->has_last || at < g->n)) || (g->has_last && at == g->n)) {
		give_up(h, g, "its fragments disagree on which is the last", out);
		return add_piece(h, g, f, fsn, 0);
	}
	return add_piece(h, g, f, fsn, at);
}

static bool complete(const struct sctp_frag_group *g)
{
	/* DATA groups join up by construction; I-DATA ones run 0..n-1 */
	return g->has_first && g->has_last && (!g->idata || (g->n && g->p[g->n - 1].seq == g->n - 1));
}

void sctp_frags_add(struct sctp_frags *h, const struct sctp_frag *f, size_t max_bytes, const struct sctp_frag_out *out)
{
	struct sctp_frag_group *g = NULL;
	bool ok = f->idata ? idata_fragment(h, f, out, &g) : data_fragment(h, f, out, &g);
	if (!g) {
		out->lost(out->ctx, f->stream, f->frame, "out of memory");
		return;
	}
	if (!ok)
		give_up(h, g, "out of memory", out);
	if (!g->dropped && h->bytes > max_bytes) {
		char why[120];
		snprintf(why, sizeof why, "the fragments held would take more than %zu bytes (--max-flow-bytes)", max_bytes);
		give_up(h, g, why, out);
	}
	if (complete(g)) {
		if (!g->dropped && !deliver(h, g, true, out))
			out->lost(out->ctx, g->stream, g->first_frame, "out of memory");
		remove_group(h, g);
	}
}

/* The group given up next: the one begun first (a DATA group that waits
 * for its last fragment takes the DATA group that follows it, with a gap,
 * and waits for its first: the same message, one fragment lost). */
static void give_up_one(struct sctp_frags *h, struct sctp_frag_group *g, bool ended, uint32_t window,
			const char *why, const struct sctp_frag_out *out)
{
	char own[120];
	while (!g->dropped && !g->idata && !g->has_last) {
		struct sctp_frag_group *next = NULL;
		for (struct sctp_frag_group *x = h->groups; x; x = x->next)
			if (!x->idata && x != g && (int32_t)(x->first_seq - g->last_seq) > 0 &&
			    (!next || (int32_t)(x->first_seq - next->first_seq) < 0))
				next = x;
		if (!next || next->has_first || next->dropped || next->stream != g->stream)
			break;
		/* keep the pieces apart: the gap shows in describe() */
		uint32_t gap = g->last_seq + 1;
		if (!why) {
			snprintf(own, sizeof own, "the fragment with TSN %u is missing", (unsigned)gap);
			why = own;
		}
		if (!join(h, g, next))
			break;
	}
	if (!why) {
		describe(g, ended, window, own, sizeof own);
		why = own;
	}
	give_up(h, g, why, out);
	remove_group(h, g);
}

void sctp_frags_expire(struct sctp_frags *h, uint32_t top_tsn, uint32_t window, const struct sctp_frag_out *out)
{
	for (;;) {
		struct sctp_frag_group *old = NULL;
		for (struct sctp_frag_group *g = h->groups; g; g = g->next)
			if ((uint32_t)(top_tsn - g->newest_tsn) >= window && (int32_t)(top_tsn - g->newest_tsn) >= 0 &&
			    (!old || g->first_frame < old->first_frame))
				old = g;
		if (!old)
			return;
		give_up_one(h, old, false, window, NULL, out);
	}
}

void sctp_frags_give_up(struct sctp_frags *h, const char *why, const struct sctp_frag_out *out)
{
	while (h->groups) {
		struct sctp_frag_group *first = h->groups;
		for (struct sctp_frag_group *g = h->groups; g; g = g->next)
			if (g->first_frame < first->first_frame)
				first = g;
		give_up_one(h, first, true, 0, why, out);
	}
}

void sctp_frags_clear(struct sctp_frags *h)
{
	while (h->groups)
		remove_group(h, h->groups);
}
