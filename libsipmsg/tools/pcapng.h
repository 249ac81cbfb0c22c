/* SPDX-License-Identifier: MIT */
/* A pcapng reader (the IETF draft "PCAP Next Generation Dump File Format"),
 * read block by block from a FILE, never whole into memory. libpcap's own
 * reader refuses a file whose interfaces have different link types, which is
 * what dumpcap writes when it captures on several interfaces at once (`-i lo
 * -i any`, `-i eth0 -i eth1`, Wireshark's multi-interface capture); here each
 * frame carries its own interface's link type. Every section (SHB) is read
 * in its own byte order; Enhanced, Simple and obsolete Packet Blocks are
 * frames, in file order; if_tsresol and if_tsoffset are applied; every other
 * block is skipped. The interfaces a section may describe are bounded (each
 * one is held until the section ends): past the bound the file is refused
 * there, as a corrupt one is. */
#ifndef SIPMSG_TOOL_PCAPNG_H
#define SIPMSG_TOOL_PCAPNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PCAPNG_MAX_BLOCK (16u * 1024u * 1024u) /* as libpcap's default limit */

struct pcapng_frame {
	uint32_t iface;       /* index of its interface in the section */
	bool iface_first;     /* the first frame of that interface in this section */
	int dlt;              /* the interface's link type, as a DLT_ value */
	uint32_t linktype;    /* ... as the file stores it (LINKTYPE_) */
	int64_t ts_sec;
	uint32_t ts_nsec;
	const uint8_t *data;  /* valid until the next call */
	uint32_t caplen;
	uint32_t wirelen;
};

struct pcapng;

/* fp is positioned just after the 4-byte Section Header Block type that
 * capture_has_magic() recognised; the reader owns fp from here (closed by
 * pcapng_close, or on failure). Reads every block before the first frame,
 * so that the link types of the interfaces described there are known; a
 * file that describes none is refused. A section that describes more than
 * max_interfaces (at least 1) is an error, reported
 * by pcapng_next when it comes before the first frame. NULL with err on
 * failure. */
struct pcapng *pcapng_open(FILE *fp, size_t max_interfaces, char *err, size_t errlen);

/* The distinct link types (DLT_) of the interfaces read so far, in the order
 * they were first described, over every section: those before the first
 * frame once opened, every one once pcapng_next has returned 0. */
size_t pcapng_link_count(const struct pcapng *r);
int pcapng_link_at(const struct pcapng *r, size_t i);

/* 1: a frame in *f; 0: the end of the file; -1: an error, in err. */
int pcapng_next(struct pcapng *r, struct pcapng_frame *f, char *err, size_t errlen);

void pcapng_close(struct pcapng *r);

#endif
