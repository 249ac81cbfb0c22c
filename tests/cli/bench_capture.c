/* SPDX-License-Identifier: MIT */
/* Writes the capture `sipmsg check` is measured on (docs/performance.md):
 * N UDP datagrams over IPv4/Ethernet, cycling through the bench mix
 * (the .sip files of ../shared/corpus/bench, in name order), with the project's own pcap
 * writer. Too large to commit, so the measurement script builds it.
 *
 * usage: bench_capture OUT.pcap COUNT MESSAGE.sip... */
#include "pcapgen.h"

#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (!buf) {
		fputs("out of memory\n", stderr);
		exit(2);
	}
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: bench_capture OUT.pcap COUNT MESSAGE.sip...\n", stderr);
		return 2;
	}
	long count = strtol(argv[2], NULL, 10);
	int nmsg = argc - 3;
	char **msgs = calloc((size_t)nmsg, sizeof *msgs);
	size_t *lens = calloc((size_t)nmsg, sizeof *lens);
	if (count <= 0 || !msgs || !lens) {
		fputs("bench_capture: COUNT must be a positive number\n", stderr);
		return 2;
	}
	for (int i = 0; i < nmsg; i++)
		msgs[i] = slurp(argv[3 + i], &lens[i]);
	struct gen g;
	gen_open(&g, argv[1], GEN_ETHERNET, false);
	struct gen_endpoint a = gen_ep4("192.0.2.1", 5060), b = gen_ep4("192.0.2.2", 5060);
	for (long k = 0; k < count; k++) {
		int i = (int)(k % nmsg);
		/* requests go one way, responses the other, as on a real link */
		if (msgs[i][0] == 'S')
			gen_udp(&g, &b, &a, msgs[i], lens[i]);
		else
			gen_udp(&g, &a, &b, msgs[i], lens[i]);
	}
	gen_close(&g);
	for (int i = 0; i < nmsg; i++)
		free(msgs[i]);
	free(msgs);
	free(lens);
	return 0;
}
