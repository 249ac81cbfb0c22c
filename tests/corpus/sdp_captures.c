/* SPDX-License-Identifier: MIT */
/* Holds the parsed SDP of every captured message to Wireshark's reading of
 * it: the m= and c= lines of the `summary` object in the .json beside each
 * captures/<capture>/NAME.sip. Both the raw line values and the typed views
 * (written back with their formatters) must agree with Wireshark's, and the
 * media connection helper must give the address Wireshark saw. A message
 * without SDP lines in the summary must have no SDP. Exit 77 (skip) when the
 * corpus is absent. The JSON reader below knows just enough JSON for this. */
#include <sipmsg/sipmsg.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"

#define MAX_ITEMS 16

struct strlist {
	char *v[MAX_ITEMS];
	int n;
};

static int failures, checked, with_sdp;

static void fail(const char *file, const char *what, const char *detail)
{
	failures++;
	printf("FAIL %s: %s%s%s\n", file, what, detail ? ": " : "", detail ? detail : "");
}

/* A JSON string at *p (after its opening quote); returns a malloc'd copy. */
static char *json_string(const char **p)
{
	const char *s = *p;
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s && *s != '"') {
		if (*s == '\\' && s[1]) {
			s++;
			switch (*s) {
			case 'n': *o++ = '\n'; break;
			case 'r': *o++ = '\r'; break;
			case 't': *o++ = '\t'; break;
			case 'u': /* only ASCII escapes occur in these files */
				*o++ = (char)strtol((char[5]){s[1], s[2], s[3], s[4], 0}, NULL, 16);
				s += 4;
				break;
			default: *o++ = *s; break;
			}
			s++;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	*p = *s ? s + 1 : s;
	return out;
}

/* The array of strings under `key` inside the "summary" object. */
static bool summary_list(const char *json, const char *key, struct strlist *out)
{
	out->n = 0;
	const char *sum = strstr(json, "\"summary\"");
	if (!sum)
		return false;
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\"", key);
	const char *k = strstr(sum, pat);
	if (!k)
		return false;
	const char *p = strchr(k + strlen(pat), '[');
	if (!p)
		return false;
	p++;
	for (;;) {
		while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == ',')
			p++;
		if (*p == ']')
			return true;
		if (*p != '"' || out->n == MAX_ITEMS)
			return false;
		p++;
		out->v[out->n++] = json_string(&p);
	}
}

static void free_list(struct strlist *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

static bool slice_is(sipmsg_slice s, const char *want)
{
	return s.len == strlen(want) && (s.len == 0 || memcmp(s.ptr, want, s.len) == 0);
}

static void check_connection(const char *file, const sipmsg_sdp_section *sec, size_t line, const char *want,
			     int *seen)
{
	sipmsg_sdp_line l;
	sipmsg_sdp_line_at(sec, line, &l);
	(*seen)++;
	if (!slice_is(l.value, want)) {
		fail(file, "c= differs from Wireshark's", want);
		return;
	}
	sipmsg_sdp_connection c;
	char buf[256];
	if (sipmsg_sdp_get_connection(sec, line, &c) != SIPMSG_OK) {
		fail(file, "c= does not parse", want);
		return;
	}
	sipmsg_sdp_format_connection(&c, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fail(file, "the typed c= writes back differently", buf);
}

static void check_file(const char *dir, const char *name)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t jlen, slen;
	char *json = read_file(path, &jlen);
	size_t nl = strlen(path);
	memcpy(path + nl - 5, ".sip", 5);
	char *sip = read_file(path, &slen);
	if (!json || !sip) {
		fail(name, "cannot read the .json or the .sip", NULL);
		free(json);
		free(sip);
		return;
	}
	struct strlist media, conn;
	if (!summary_list(json, "sdp_media", &media) || !summary_list(json, "sdp_connection", &conn)) {
		fail(name, "no sdp_media/sdp_connection in the summary", NULL);
		free(json);
		free(sip);
		return;
	}
	checked++;
	struct guarded g = {0};
	const char *p = guard_copy(&g, sip, slen);
	sipmsg_msg *m = NULL;
	sipmsg_sdp *sdp = NULL;
	if (sipmsg_parse(p, slen, NULL, &m, NULL) != SIPMSG_OK) {
		fail(name, "the SIP message does not parse", NULL);
		goto out;
	}
	sipmsg_status st = sipmsg_msg_sdp(m, &sdp, NULL);
	if (media.n == 0 && conn.n == 0) {
		if (st != SIPMSG_ENOTFOUND)
			fail(name, "an SDP where Wireshark saw none", NULL);
		goto out;
	}
	with_sdp++;
	if (st != SIPMSG_OK) {
		fail(name, "no SDP where Wireshark saw one", NULL);
		goto out;
	}
	if ((int)sipmsg_sdp_media_count(sdp) != media.n)
		fail(name, "the number of m= lines differs from Wireshark's", NULL);
	int seen_c = 0;
	const sipmsg_sdp_section *ss = sipmsg_sdp_session(sdp);
	for (long i = sipmsg_sdp_line_find(ss, 'c', 0); i >= 0; i = sipmsg_sdp_line_find(ss, 'c', (size_t)i + 1))
		check_connection(name, ss, (size_t)i, seen_c < conn.n ? conn.v[seen_c] : "", &seen_c);
	for (int k = 0; k < media.n && k < (int)sipmsg_sdp_media_count(sdp); k++) {
		const sipmsg_sdp_section *ms = sipmsg_sdp_media_at(sdp, (size_t)k);
		sipmsg_sdp_line l;
		sipmsg_sdp_line_at(ms, 0, &l);
		if (!slice_is(l.value, media.v[k]))
			fail(name, "m= differs from Wireshark's", media.v[k]);
		sipmsg_sdp_media_desc md;
		char buf[512];
		if (sipmsg_sdp_get_media_desc(ms, &md) != SIPMSG_OK) {
			fail(name, "m= does not parse", media.v[k]);
		} else {
			sipmsg_sdp_format_media_desc(&md, buf, sizeof buf);
			if (strcmp(buf, media.v[k]) != 0)
				fail(name, "the typed m= writes back differently", buf);
		}
		for (long i = sipmsg_sdp_line_find(ms, 'c', 0); i >= 0;
		     i = sipmsg_sdp_line_find(ms, 'c', (size_t)i + 1))
			check_connection(name, ms, (size_t)i, seen_c < conn.n ? conn.v[seen_c] : "", &seen_c);
		/* the helper: the media's own c=, else the session's */
		sipmsg_sdp_connection c;
		if (conn.n && sipmsg_sdp_media_connection(ms, &c) == SIPMSG_OK) {
			const char *addr = strrchr(conn.v[conn.n - 1], ' ');
			if (!addr || !slice_is(c.address, addr + 1))
				fail(name, "sipmsg_sdp_media_connection gives another address", conn.v[conn.n - 1]);
		} else if (conn.n) {
			fail(name, "sipmsg_sdp_media_connection finds no c=", NULL);
		}
	}
	if (seen_c != conn.n)
		fail(name, "the number of c= lines differs from Wireshark's", NULL);
out:
	sipmsg_msg_free(m);
	guard_free(&g);
	free_list(&media);
	free_list(&conn);
	free(json);
	free(sip);
}

int main(void)
{
	const char *dir = corpus_dir();
	if (!dir) {
		printf("SKIP: the shared corpus is absent (SIPMSG_CORPUS=%s)\n",
		       getenv("SIPMSG_CORPUS") ? getenv("SIPMSG_CORPUS") : "(unset)");
		return 77;
	}
	char cap[4096];
	snprintf(cap, sizeof cap, "%s/captures", dir);
	DIR *top = opendir(cap);
	if (!top) {
		printf("SKIP: no captures in %s\n", dir);
		return 77;
	}
	struct dirent *e;
	while ((e = readdir(top))) {
		if (e->d_name[0] == '.')
			continue;
		char sub[4096 + 256];
		snprintf(sub, sizeof sub, "%s/%s", cap, e->d_name);
		DIR *d = opendir(sub);
		if (!d)
			continue;
		struct dirent *f;
		while ((f = readdir(d))) {
			size_t n = strlen(f->d_name);
			if (n > 5 && strcmp(f->d_name + n - 5, ".json") == 0)
				check_file(sub, f->d_name);
		}
		closedir(d);
	}
	closedir(top);
	printf("captures: %d messages compared with Wireshark, %d with SDP, %d failures\n", checked, with_sdp,
	       failures);
	return failures || !checked ? 1 : 0;
}
