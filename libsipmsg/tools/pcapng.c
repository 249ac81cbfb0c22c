/* SPDX-License-Identifier: MIT */
/* A pcapng reader: see pcapng.h. Block layout: type, total length, body,
 * total length again; every length a multiple of 4. */
#include "pcapng.h"

#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#define BT_SHB 0x0a0d0d0au
#define BT_IDB 1u
#define BT_PB 2u  /* obsolete Packet Block */
#define BT_SPB 3u
#define BT_EPB 6u
#define BYTE_ORDER_MAGIC 0x1a2b3c4du
#define OPT_ENDOFOPT 0
#define OPT_IF_TSRESOL 9
#define OPT_IF_TSOFFSET 14

struct iface {
	int dlt;
	uint32_t linktype;
	uint32_t snaplen;
	bool pow2;       /* if_tsresol: units are 2^-exp seconds, else 10^-exp */
	unsigned exp;
	int64_t tsoffset;
	bool seen;       /* a frame of it has been returned */
};

#define MAX_DLT 65536 /* a link type is 16 bits in an IDB; dlt_of() keeps it below this */

struct pcapng {
	FILE *fp;
	bool swap;            /* this section is in the other byte order */
	struct iface *ifs;
	size_t nifs, cap_ifs;
	size_t max_ifs;       /* nifs may not pass it (the reader's memory is bounded) */
	uint64_t sections;    /* SHBs read, for the errors */
	uint64_t pos;         /* bytes read from the file, for the errors */
	uint64_t block_pos;   /* where the current block starts */
	int *links;           /* the distinct link types of every interface read, in order */
	size_t nlinks, cap_links;
	uint8_t link_seen[MAX_DLT / 8]; /* a bit per DLT_: in links (a file may hold many interfaces) */
	bool failed;          /* reading ahead met an error, to be reported as the next frame's */
	char error[256];
	uint8_t *buf;         /* the current block's body */
	size_t buflen;
	uint32_t type;        /* the current block */
	size_t len;           /* its body length */
	bool pending;         /* the current block is a packet block not yet returned */
	uint64_t blocks;
};

static uint32_t bswap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

static uint32_t get32(const struct pcapng *r, const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return r->swap ? bswap32(v) : v;
}

static uint16_t get16(const struct pcapng *r, const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return r->swap ? (uint16_t)(v >> 8 | v << 8) : v;
}

static int dlt_of(uint32_t linktype)
{
	/* the LINKTYPE_ values that differ from this platform's DLT_ */
	if (linktype == 101)
		return DLT_RAW;
#ifdef DLT_LOOP
	if (linktype == 108)
		return DLT_LOOP;
#endif
	return (int)linktype;
}

/* Read exactly n bytes; 1 done, 0 clean end before any byte, -1 cut short. */
static int read_all(struct pcapng *r, void *p, size_t n)
{
	size_t got = fread(p, 1, n, r->fp);
	r->pos += got;
	if (got == n)
		return 1;
	return got == 0 ? 0 : -1;
}

static bool grow(struct pcapng *r, size_t n)
{
	if (n <= r->buflen)
		return true;
	uint8_t *b = realloc(r->buf, n);
	if (!b)
		return false;
	r->buf = b;
	r->buflen = n;
	return true;
}

/* The rest of a block whose first `head` bytes (type, total length, and
 * for a section header its byte-order magic) have been read: its length
 * checked (at least `min`, a multiple of 4, within PCAPNG_MAX_BLOCK), the
 * bytes after the head read into r->buf, and the trailing copy of the
 * length checked. Returns the bytes read (the body and that copy), 0 on
 * an error in err. `what` names the block in the errors. */
static size_t read_rest(struct pcapng *r, uint32_t total, size_t head, uint32_t min, const char *what, char *err,
			size_t errlen)
{
	if (total < min || total % 4 || total > PCAPNG_MAX_BLOCK) {
		snprintf(err, errlen, "%s of a bad length (%u)", what, total);
		return 0;
	}
	size_t rest = total - head;
	if (!grow(r, rest)) {
		snprintf(err, errlen, "out of memory");
		return 0;
	}
	if (read_all(r, r->buf, rest) != 1) {
		snprintf(err, errlen, "%s cut short (%u bytes announced)", what, total);
		return 0;
	}
	if (get32(r, r->buf + rest - 4) != total) {
		snprintf(err, errlen, "%s lengths disagree (%u and %u)", what, total, get32(r, r->buf + rest - 4));
		return 0;
	}
	return rest;
}

/* A Section Header Block whose type has been read: byte order, version, the
 * rest skipped. A new section forgets the interfaces of the one before. */
static int read_shb(struct pcapng *r, char *err, size_t errlen)
{
	uint8_t h[8]; /* total length, byte-order magic */
	if (read_all(r, h, sizeof h) != 1) {
		snprintf(err, errlen, "pcapng section header block cut short");
		return -1;
	}
	uint32_t magic;
	memcpy(&magic, h + 4, 4);
	if (magic == BYTE_ORDER_MAGIC)
		r->swap = false;
	else if (magic == bswap32(BYTE_ORDER_MAGIC))
		r->swap = true;
	else {
		snprintf(err, errlen, "pcapng section header block with a bad byte-order magic");
		return -1;
	}
	if (!read_rest(r, get32(r, h), 12, 28, "pcapng section header block", err, errlen))
		return -1;
	uint16_t major = get16(r, r->buf);
	if (major != 1) {
		snprintf(err, errlen, "pcapng version %u is not supported (1 is)", major);
		return -1;
	}
	r->nifs = 0;
	r->sections++;
	return 0;
}

/* An array of n items of `size` bytes with room for *cap, given room for
 * one more: the same block or a larger one (*cap updated), NULL when out of
 * memory (items is then still valid). */
static void *room_for_one(void *items, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return items;
	size_t more = *cap ? 2 * *cap : 4;
	void *p = realloc(items, more * size);
	if (p)
		*cap = more;
	return p;
}

/* Remember a link type the first time an interface has it. */
static int add_link(struct pcapng *r, int dlt, char *err, size_t errlen)
{
	uint8_t *bit = &r->link_seen[dlt / 8], mask = (uint8_t)(1u << (dlt % 8));
	if (*bit & mask)
		return 0;
	int *links = room_for_one(r->links, r->nlinks, &r->cap_links, sizeof *links);
	if (!links) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r->links = links;
	r->links[r->nlinks++] = dlt;
	*bit |= mask;
	return 0;
}

static int read_idb(struct pcapng *r, char *err, size_t errlen)
{
	if (r->len < 8) {
		snprintf(err, errlen, "pcapng interface description block too short");
		return -1;
	}
	struct iface f = {.linktype = get16(r, r->buf), .snaplen = get32(r, r->buf + 4), .exp = 6};
	f.dlt = dlt_of(f.linktype);
	for (size_t o = 8; o + 4 <= r->len;) {
		uint16_t code = get16(r, r->buf + o), olen = get16(r, r->buf + o + 2);
		if (code == OPT_ENDOFOPT)
			break;
		if (o + 4 + olen > r->len) {
			snprintf(err, errlen, "pcapng interface option runs past its block");
			return -1;
		}
		const uint8_t *v = r->buf + o + 4;
		if (code == OPT_IF_TSRESOL && olen >= 1) {
			f.pow2 = (v[0] & 0x80) != 0;
			f.exp = v[0] & 0x7f;
			if ((f.pow2 && f.exp > 63) || (!f.pow2 && f.exp > 19)) {
				snprintf(err, errlen, "pcapng if_tsresol %s-%u is not supported", f.pow2 ? "2^" : "10^",
					 f.exp);
				return -1;
			}
		} else if (code == OPT_IF_TSOFFSET && olen >= 8) {
			uint64_t u; /* in the section's byte order */
			memcpy(&u, v, 8);
			if (r->swap)
				u = (uint64_t)bswap32((uint32_t)u) << 32 | bswap32((uint32_t)(u >> 32));
			f.tsoffset = (int64_t)u;
		}
		o += 4 + ((olen + 3u) & ~3u);
	}
	if (r->nifs >= r->max_ifs) {
		snprintf(err, errlen,
			 "pcapng section %llu describes more than %zu interfaces (--max-interfaces): the interface description block at byte %llu would be its interface %zu",
			 (unsigned long long)r->sections, r->max_ifs, (unsigned long long)r->block_pos, r->nifs);
		return -1;
	}
	struct iface *ifs = room_for_one(r->ifs, r->nifs, &r->cap_ifs, sizeof *ifs);
	if (!ifs) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r->ifs = ifs;
	r->ifs[r->nifs++] = f;
	return add_link(r, f.dlt, err, errlen);
}

/* The next block into r->type, r->buf, r->len (the body only). 1 a block,
 * 0 the end, -1 an error. Section headers are handled here. */
static int read_block(struct pcapng *r, char *err, size_t errlen)
{
	for (;;) {
		uint8_t h[8];
		r->block_pos = r->pos;
		int rc = read_all(r, h, 4);
		if (rc == 0)
			return 0;
		if (rc < 0) {
			snprintf(err, errlen, "truncated pcapng block");
			return -1;
		}
		r->blocks++;
		uint32_t type;
		memcpy(&type, h, 4); /* the SHB type reads the same in both orders */
		if (type == BT_SHB) {
			if (read_shb(r, err, errlen) < 0)
				return -1;
			continue;
		}
		if (read_all(r, h + 4, 4) != 1) {
			snprintf(err, errlen, "truncated pcapng block");
			return -1;
		}
		r->type = get32(r, h);
		size_t rest = read_rest(r, get32(r, h + 4), 8, 12, "pcapng block", err, errlen);
		if (!rest)
			return -1;
		r->len = rest - 4;
		return 1;
	}
}

static bool is_packet(uint32_t type) { return type == BT_EPB || type == BT_SPB || type == BT_PB; }

/* Blocks up to the first packet block (kept for pcapng_next), reading the
 * interfaces described on the way. 1 at a packet block, 0 the end, -1 an
 * error in err. */
static int read_interfaces(struct pcapng *r, char *err, size_t errlen)
{
	for (;;) {
		int rc = read_block(r, err, errlen);
		if (rc <= 0)
			return rc;
		if (is_packet(r->type)) {
			r->pending = true;
			return 1;
		}
		if (r->type == BT_IDB && read_idb(r, err, errlen) < 0)
			return -1;
	}
}

struct pcapng *pcapng_open(FILE *fp, size_t max_interfaces, char *err, size_t errlen)
{
	struct pcapng *r = calloc(1, sizeof *r);
	if (!r) {
		fclose(fp);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->fp = fp;
	r->max_ifs = max_interfaces ? max_interfaces : 1;
	r->pos = r->block_pos = 4; /* the caller read the SHB's type */
	if (read_shb(r, err, errlen) < 0) {
		pcapng_close(r);
		return NULL;
	}
	/* Every interface described before the first frame (dumpcap describes
	 * them all up front), so that their link types are known before the
	 * frames are. Once one is known, a damaged block is left to be
	 * reported by pcapng_next, as the frame it stops at. */
	if (read_interfaces(r, r->error, sizeof r->error) < 0)
		r->failed = true;
	if (!r->nlinks) {
		snprintf(err, errlen, "%s", r->failed ? r->error : "the pcapng file describes no interface");
		pcapng_close(r);
		return NULL;
	}
	return r;
}

size_t pcapng_link_count(const struct pcapng *r) { return r->nlinks; }

int pcapng_link_at(const struct pcapng *r, size_t i) { return r->links[i]; }

/* frac (< units) of a second in nanoseconds, without a 128-bit product:
 * frac * 10^9 overflows 64 bits once units pass ~1.8e10 (2^-34 s, 10^-11 s). */
static uint32_t fraction_nsec(uint64_t frac, uint64_t units)
{
	if (units <= UINT64_MAX / 1000000000u)
		return (uint32_t)(frac * 1000000000u / units);
	uint64_t ns = frac / (units / 1000000000u); /* units / 10^9 rounded down: at most one too many */
	return (uint32_t)(ns > 999999999u ? 999999999u : ns);
}

static void set_time(struct pcapng_frame *f, const struct iface *i, uint64_t ts)
{
	uint64_t units = 1;
	if (i->pow2)
		units = (uint64_t)1 << i->exp;
	else
		for (unsigned k = 0; k < i->exp; k++)
			units *= 10;
	uint64_t sec = ts / units, frac = ts % units;
	/* seconds past int64_t, with the offset or without: saturated, as
	 * signed overflow is undefined (a corrupt file can hold any value) */
	int64_t s = sec > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)sec;
	if (i->tsoffset > 0 && s > INT64_MAX - i->tsoffset)
		s = INT64_MAX;
	else
		s += i->tsoffset; /* s >= 0: a negative offset cannot overflow */
	f->ts_sec = s;
	f->ts_nsec = fraction_nsec(frac, units);
}

int pcapng_next(struct pcapng *r, struct pcapng_frame *f, char *err, size_t errlen)
{
	if (r->failed) {
		snprintf(err, errlen, "%s", r->error);
		return -1;
	}
	for (;;) {
		if (!r->pending) {
			int rc = read_block(r, err, errlen);
			if (rc <= 0)
				return rc;
		}
		r->pending = false;
		if (r->type == BT_IDB) {
			if (read_idb(r, err, errlen) < 0)
				return -1;
			continue;
		}
		if (!is_packet(r->type))
			continue; /* name resolution, statistics, journal, custom blocks, ... */
		uint32_t iface, caplen, wirelen, hdr;
		uint64_t ts = 0;
		if (r->type == BT_EPB || r->type == BT_PB) {
			if (r->len < 20) {
				snprintf(err, errlen, "pcapng packet block too short");
				return -1;
			}
			iface = r->type == BT_EPB ? get32(r, r->buf) : get16(r, r->buf);
			ts = (uint64_t)get32(r, r->buf + 4) << 32 | get32(r, r->buf + 8);
			caplen = get32(r, r->buf + 12);
			wirelen = get32(r, r->buf + 16);
			hdr = 20;
			if (caplen > r->len - hdr) {
				snprintf(err, errlen, "pcapng packet block: %u captured bytes in a block of %zu", caplen,
					 r->len);
				return -1;
			}
		} else { /* simple packet block: interface 0, no time */
			if (r->len < 4) {
				snprintf(err, errlen, "pcapng simple packet block too short");
				return -1;
			}
			iface = 0;
			wirelen = get32(r, r->buf);
			hdr = 4;
			caplen = (uint32_t)(r->len - hdr);
			if (caplen > wirelen)
				caplen = wirelen;
			if (r->nifs && r->ifs[0].snaplen && caplen > r->ifs[0].snaplen)
				caplen = r->ifs[0].snaplen;
		}
		if (iface >= r->nifs) {
			snprintf(err, errlen, "pcapng packet for interface %u, which the section does not describe", iface);
			return -1;
		}
		struct iface *i = &r->ifs[iface];
		memset(f, 0, sizeof *f);
		f->iface = iface;
		f->iface_first = !i->seen;
		i->seen = true;
		f->dlt = i->dlt;
		f->linktype = i->linktype;
		set_time(f, i, ts);
		f->data = r->buf + hdr;
		f->caplen = caplen;
		f->wirelen = wirelen < caplen ? caplen : wirelen;
		return 1;
	}
}

void pcapng_close(struct pcapng *r)
{
	if (!r)
		return;
	if (r->fp)
		fclose(r->fp);
	free(r->ifs);
	free(r->links);
	free(r->buf);
	free(r);
}
