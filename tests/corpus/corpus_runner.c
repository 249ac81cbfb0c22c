/* SPDX-License-Identifier: MIT */
/* Replays ../shared/corpus/MANIFEST.tsv in place and holds every message to
 * its verdict:
 *   valid     parses (lenient), every header (and the Request-URI) reads typed
 *             without an error diagnostic, and it writes back byte-exact;
 *             the RFC 3261 checks run too and are counted, not judged (the
 *             RFC call-flow examples leave out mandatory headers);
 *   invalid   fails in strict mode, or the typed reads and the RFC 3261 checks
 *             (sipmsg_msg_check) give an error diagnostic; messages nothing
 *             catches yet would be listed in known-gaps.tsv with the layer
 *             that will (a listed message that is now caught fails the run,
 *             so the list only shrinks; it is empty);
 *   tolerate  never crashes; when accepted it carries at least one
 *             diagnostic after the checks (the odd thing is reported).
 * A valid message whose source is itself wrong is listed in errata.tsv with
 * what is wrong; it must then carry an error diagnostic (the runner fails if
 * it stops doing so).
 * SDP entries (kind sdp) are held to theirs:
 *   valid     parses, no error diagnostic after sipmsg_sdp_check(), byte-exact;
 *   invalid   fails in strict mode;
 *   tolerate  parses leniently with a diagnostic, or is rejected with a reason.
 * The application/sdp body of every SIP message goes through sipmsg_msg_sdp():
 * clean and byte-exact in a valid message, parsed or rejected with a reason
 * in the others (their verdict is about the SIP part).
 * Every input sits right before a guard page. Prints its counts. */
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"

#define MAX_GAPS 128

struct list {
	char *paths[MAX_GAPS];
	int n;
};

/* known gaps, errata, and the entries whose SDP the codec judges
 * differently from the manifest (tests/corpus/sdp-disputes.tsv) */
static struct list gaps, errata, disputes;
static int failures;

static void load_list(struct list *l, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	char line[1024];
	while (fgets(line, sizeof line, f) && l->n < MAX_GAPS) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab) {
			fprintf(stderr, "%s: a line without a reason: %s", path, line);
			exit(2);
		}
		*tab = '\0';
		l->paths[l->n++] = strdup(line);
	}
	fclose(f);
}

static bool listed(const struct list *l, const char *path)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->paths[i], path) == 0)
			return true;
	return false;
}

/* SIPMSG_CONFORMANCE=FILE: one line per message and outcome, path TAB kind
 * TAB expected TAB outcome TAB detail, from which docs/gen_conformance.py
 * writes docs/conformance.md. */
static FILE *report;

static void record(const char *path, const char *kind, const char *expected, const char *outcome,
		   const char *detail)
{
	if (!report)
		return;
	fprintf(report, "%s\t%s\t%s\t%s\t", path, kind, expected, outcome);
	for (const char *c = detail ? detail : ""; *c; c++)
		fputc(*c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c, report);
	fputc('\n', report);
}

static void diag_text(const sipmsg_diag *d, char *buf, size_t size)
{
	if (!d) {
		snprintf(buf, size, "no diagnostic");
		return;
	}
	snprintf(buf, size, "%s: %.*s%s%s (line %u, column %u)", sipmsg_diag_code_name(d->code), (int)d->header.len,
		 d->header.ptr ? d->header.ptr : "", d->header.len ? ": " : "", d->message, d->line, d->column);
}

static void fail(const char *path, const char *fmt, const char *detail)
{
	failures++;
	printf("FAIL %s: ", path);
	printf(fmt, detail);
	printf("\n");
}

static size_t error_diags(const sipmsg_msg *m)
{
	return m ? sipmsg_msg_error_count(m) : 0;
}

static const sipmsg_diag *first_error_diag(const sipmsg_msg *m)
{
	for (size_t i = 0; m && i < sipmsg_msg_diag_count(m); i++) {
		const sipmsg_diag *d = sipmsg_msg_diag_at(m, i);
		if (d->severity == SIPMSG_SEVERITY_ERROR)
			return d;
	}
	return NULL;
}

static const char *first_error(const sipmsg_msg *m)
{
	const sipmsg_diag *d = first_error_diag(m);
	return d ? d->message : "";
}

struct counts {
	int valid, valid_ok, valid_check_errors, errata, invalid, invalid_caught, invalid_gap, tolerate,
		tolerate_accepted, sdp, wire_form;
};

/* RFC 5118's archive bytes use bare LF, two files lack the empty line and
 * two carry a Content-Length the RFC got wrong. As the corpus README offers,
 * such files are judged in their wire form: CRLF line ends, the header
 * section closed, Content-Length recomputed. The raw bytes are still parsed
 * (leniently) to prove nothing crashes. Returns a malloc'd buffer. */
static char *wire_form(const char *data, size_t len, size_t *out_len)
{
	char *crlf = malloc(2 * len + 3);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
			crlf[n++] = '\r';
		crlf[n++] = data[i];
	}
	crlf[n] = '\0';
	if (!strstr(crlf, "\r\n\r\n")) {
		memcpy(crlf + n, "\r\n", 2);
		n += 2;
	}
	sipmsg_msg *m = NULL;
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_COPY;
	if (sipmsg_parse(crlf, n, &o, &m, NULL) != SIPMSG_OK) {
		*out_len = n;
		return crlf;
	}
	/* the body is everything after the empty line: CRLF conversion may have
	 * made it longer than the Content-Length that sipmsg_msg_body() keeps */
	const char *sep = strstr(crlf, "\r\n\r\n");
	size_t at = (size_t)(sep - crlf) + 4;
	sipmsg_slice body = {crlf + at, n - at};
	long cl = sipmsg_header_find(m, SIPMSG_HDR_CONTENT_LENGTH, 0);
	sipmsg_header h;
	char want[32];
	snprintf(want, sizeof want, "%zu", body.len);
	if (cl >= 0 && sipmsg_header_at(m, (size_t)cl, &h) == SIPMSG_OK &&
	    (h.value.len != strlen(want) || memcmp(h.value.ptr, want, h.value.len) != 0)) {
		char *copy = malloc(body.len + 1);
		memcpy(copy, body.ptr, body.len);
		sipmsg_msg_set_body(m, copy, body.len, NULL);
		free(copy);
		free(crlf);
		sipmsg_write_alloc(m, 0, &crlf, &n);
	}
	sipmsg_msg_free(m);
	*out_len = n;
	return crlf;
}

/* ---- SDP: bare descriptions (kind sdp) and the SDP bodies of SIP messages ---- */

struct sdp_counts {
	int valid, valid_ok, invalid, invalid_caught, tolerate, tolerate_diag, tolerate_rejected, disputed;
	int bodies, bodies_ok, bodies_other, bodies_other_ok;
};

static const char *first_sdp_error(const sipmsg_sdp *sdp)
{
	for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp); i++) {
		const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, i);
		if (d->severity == SIPMSG_SEVERITY_ERROR)
			return d->message;
	}
	return "";
}

/* valid: no error diagnostic after the checks, and a byte-exact write. A
 * disputed entry must write back byte-exact and keep its error diagnostic. */
static bool sdp_clean_round_trip(const char *path, sipmsg_sdp *sdp, const char *data, size_t len,
				 struct sdp_counts *c)
{
	if (sipmsg_sdp_check(sdp) != SIPMSG_OK) {
		fail(path, "%s", "sipmsg_sdp_check failed");
		return false;
	}
	char *out = NULL;
	size_t n = 0;
	bool exact = sipmsg_sdp_write_alloc(sdp, 0, &out, &n) == SIPMSG_OK && n == len && memcmp(out, data, n) == 0;
	free(out);
	if (!exact) {
		fail(path, "%s", "SDP round trip is not byte-exact");
		return false;
	}
	bool errors = sipmsg_sdp_error_count(sdp) != 0;
	if (listed(&disputes, path)) {
		if (!errors)
			fail(path, "%s", "now clean: remove it from tests/corpus/sdp-disputes.tsv");
		else
			c->disputed++;
		return false;
	}
	if (errors)
		fail(path, "valid SDP has an error diagnostic: %s", first_sdp_error(sdp));
	return !errors;
}

static void run_sdp(const char *path, const char *expected, const char *data, size_t len, struct sdp_counts *c)
{
	struct guarded g = {0};
	const char *p = guard_copy(&g, data, len);
	sipmsg_sdp *lenient = NULL, *strict = NULL;
	sipmsg_error err;
	sipmsg_status st_l = sipmsg_sdp_parse(p, len, NULL, &lenient, &err);
	char reason[300] = "";
	if (st_l)
		sipmsg_error_format(&err, reason, sizeof reason);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STRICT;
	sipmsg_status st_s = sipmsg_sdp_parse(p, len, &o, &strict, &err);
	if (strcmp(expected, "valid") == 0) {
		c->valid++;
		if (st_l) {
			fail(path, "valid SDP rejected: %s", reason);
			record(path, "sdp", expected, "REJECTED", reason);
		} else if (sdp_clean_round_trip(path, lenient, p, len, c)) {
			c->valid_ok++;
			record(path, "sdp", expected, "accepted", "byte-exact round trip, no error diagnostic after checks");
		} else {
			record(path, "sdp", expected, "ERROR", first_sdp_error(lenient));
		}
	} else if (strcmp(expected, "invalid") == 0) {
		c->invalid++;
		if (st_s == SIPMSG_OK) {
			fail(path, "%s", "invalid SDP accepted in strict mode");
			record(path, "sdp", expected, "ACCEPTED", "");
		} else {
			c->invalid_caught++;
			char r[300];
			sipmsg_error_format(&err, r, sizeof r);
			record(path, "sdp", expected, "rejected (strict parse)", r);
		}
	} else {
		c->tolerate++;
		if (st_l) {
			if (!reason[0])
				fail(path, "%s", "tolerated SDP rejected without a reason");
			else
				c->tolerate_rejected++;
			record(path, "sdp", expected, "rejected", reason);
		} else {
			sipmsg_sdp_check(lenient);
			if (sipmsg_sdp_diag_count(lenient) == 0)
				fail(path, "%s", "tolerated SDP accepted without any diagnostic");
			else
				c->tolerate_diag++;
			char why[300];
			diag_text(sipmsg_sdp_diag_at(lenient, 0), why, sizeof why);
			record(path, "sdp", expected, "accepted with diagnostics", why);
		}
	}
	sipmsg_sdp_free(lenient);
	sipmsg_sdp_free(strict);
	guard_free(&g);
}

/* The application/sdp body of a SIP message, read through sipmsg_msg_sdp():
 * in a valid message it must parse cleanly and write back byte-exact; in the
 * others it parses or is rejected with a reason. */
static void run_sip_sdp(const char *path, const char *expected, const char *data, size_t len, struct sdp_counts *c)
{
	struct guarded g = {0};
	const char *p = guard_copy(&g, data, len);
	sipmsg_msg *m = NULL;
	if (sipmsg_parse(p, len, NULL, &m, NULL) != SIPMSG_OK) {
		guard_free(&g);
		return;
	}
	sipmsg_sdp *sdp = NULL;
	sipmsg_error err;
	sipmsg_status st = sipmsg_msg_sdp(m, &sdp, &err);
	if (st != SIPMSG_ENOTFOUND) {
		sipmsg_slice body = sipmsg_msg_body(m);
		bool valid = strcmp(expected, "valid") == 0;
		c->bodies += valid;
		c->bodies_other += !valid;
		char reason[300] = "";
		if (st)
			sipmsg_error_format(&err, reason, sizeof reason);
		if (valid && st)
			fail(path, "the SDP body of a valid message is rejected: %s", reason);
		else if (valid && sdp_clean_round_trip(path, sdp, body.ptr, body.len, c))
			c->bodies_ok++;
		else if (!valid && (st == SIPMSG_OK || reason[0]))
			c->bodies_other_ok++;
		else if (!valid)
			fail(path, "%s", "an SDP body rejected without a reason");
	}
	sipmsg_msg_free(m);
	guard_free(&g);
}

static void run_sip(const char *path, const char *expected, const char *data, size_t len, struct counts *c)
{
	struct guarded g = {0};
	const char *p = guard_copy(&g, data, len);
	sipmsg_msg *lenient = NULL, *strict = NULL;
	sipmsg_error err;
	sipmsg_status st_l = sipmsg_parse(p, len, NULL, &lenient, &err);
	char reason[300] = "";
	if (st_l)
		sipmsg_error_format(&err, reason, sizeof reason);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STRICT;
	sipmsg_status st_s = sipmsg_parse(p, len, &o, &strict, &err);

	if (strcmp(expected, "valid") == 0) {
		c->valid++;
		bool erratum = listed(&errata, path);
		if (st_l) {
			fail(path, "valid message rejected: %s", reason);
			record(path, "sip", expected, "REJECTED", reason);
		} else if (sipmsg_msg_parse_all(lenient) || error_diags(lenient)) {
			char why[300];
			diag_text(first_error_diag(lenient), why, sizeof why);
			record(path, "sip", expected, erratum ? "erratum in the source" : "ERROR DIAGNOSTIC", why);
			if (erratum)
				c->errata++;
			else
				fail(path, "valid message has an error diagnostic: %s", first_error(lenient));
		} else if (erratum) {
			fail(path, "%s", "no error diagnostic any more: remove it from tests/corpus/errata.tsv");
		} else {
			char *out;
			size_t n;
			if (sipmsg_write_alloc(lenient, 0, &out, &n) != SIPMSG_OK)
				fail(path, "%s", "write failed");
			else if (n != sipmsg_msg_length(lenient) || memcmp(out, data, n) != 0)
				fail(path, "%s", "round trip is not byte-exact");
			else
				c->valid_ok++;
			free(out);
			size_t warnings = sipmsg_msg_diag_count(lenient);
			char detail[400];
			if (sipmsg_msg_check(lenient) != SIPMSG_OK) {
				c->valid_check_errors++;
				char why[300];
				diag_text(first_error_diag(lenient), why, sizeof why);
				snprintf(detail, sizeof detail, "byte-exact round trip; RFC 3261 check: %s", why);
			} else if (warnings) {
				char why[300];
				diag_text(sipmsg_msg_diag_at(lenient, 0), why, sizeof why);
				snprintf(detail, sizeof detail, "byte-exact round trip; %zu warning(s), first %s", warnings, why);
			} else {
				snprintf(detail, sizeof detail, "byte-exact round trip, no diagnostic");
			}
			record(path, "sip", expected, "accepted", detail);
		}
	} else if (strcmp(expected, "invalid") == 0) {
		c->invalid++;
		const sipmsg_diag *why = NULL;
		if (st_s == SIPMSG_OK && sipmsg_msg_check(strict) != SIPMSG_OK)
			why = first_error_diag(strict);
		bool caught = st_s != SIPMSG_OK || why;
		bool gap = listed(&gaps, path);
		if (caught && gap)
			fail(path, "%s", "now caught: remove it from tests/corpus/known-gaps.tsv");
		else if (!caught && !gap)
			fail(path, "%s", "invalid message accepted in strict mode without an error diagnostic");
		else if (caught)
			c->invalid_caught++;
		else
			c->invalid_gap++;
		{
			char r[300];
			if (st_s != SIPMSG_OK)
				sipmsg_error_format(&err, r, sizeof r);
			else
				diag_text(why, r, sizeof r);
			record(path, "sip", expected, caught ? (st_s != SIPMSG_OK ? "rejected (strict parse)" : "rejected (check)")
							     : "ACCEPTED (known gap)", r);
		}
		if (caught && getenv("SIPMSG_CORPUS_VERBOSE")) {
			char r[300];
			if (st_s != SIPMSG_OK)
				sipmsg_error_format(&err, r, sizeof r);
			else
				snprintf(r, sizeof r, "%.*s%s%s", (int)why->header.len, why->header.ptr,
					 why->header.len ? ": " : "", why->message);
			printf("caught %s: %s\n", path, r);
		}
	} else {
		c->tolerate++;
		if (st_l == SIPMSG_OK) {
			c->tolerate_accepted++;
			sipmsg_msg_check(lenient);
			if (sipmsg_msg_diag_count(lenient) == 0)
				fail(path, "%s", "tolerated message accepted without any diagnostic");
			char why[300];
			diag_text(sipmsg_msg_diag_at(lenient, 0), why, sizeof why);
			record(path, "sip", expected, "accepted with diagnostics", why);
		} else {
			record(path, "sip", expected, "rejected", reason);
		}
	}
	sipmsg_msg_free(lenient);
	sipmsg_msg_free(strict);
	guard_free(&g);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: %s KNOWN-GAPS.tsv [ERRATA.tsv [SDP-DISPUTES.tsv]]\n"
				"(the lists not given are read beside KNOWN-GAPS.tsv)\n", argv[0]);
		return 2;
	}
	const char *dir = corpus_dir();
	if (!dir) {
		printf("SKIP: the shared corpus is absent (SIPMSG_CORPUS=%s); nothing to replay\n",
		       getenv("SIPMSG_CORPUS") ? getenv("SIPMSG_CORPUS") : "(unset)");
		return 77;
	}
	load_list(&gaps, argv[1]);
	const char *report_path = getenv("SIPMSG_CONFORMANCE");
	if (report_path && !(report = fopen(report_path, "w"))) {
		fprintf(stderr, "cannot write %s\n", report_path);
		return 2;
	}
	char beside[4096];
	const char *slash = strrchr(argv[1], '/');
	int dirlen = slash ? (int)(slash - argv[1] + 1) : 0;
	snprintf(beside, sizeof beside, "%.*serrata.tsv", dirlen, argv[1]);
	load_list(&errata, argc > 2 ? argv[2] : beside);
	snprintf(beside, sizeof beside, "%.*ssdp-disputes.tsv", dirlen, argv[1]);
	load_list(&disputes, argc > 3 ? argv[3] : beside);
	char path[4096];
	snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
	FILE *f = fopen(path, "r");
	if (!f) {
		printf("FAIL cannot read %s\n", path);
		return 1;
	}
	struct counts c = {0};
	struct sdp_counts sc = {0};
	char line[4096];
	bool header = true;
	while (fgets(line, sizeof line, f)) {
		if (header) {
			header = false;
			continue;
		}
		char *fields[5] = {0};
		char *save = NULL, *tok = strtok_r(line, "\t\n", &save);
		for (int i = 0; tok && i < 5; i++, tok = strtok_r(NULL, "\t\n", &save))
			fields[i] = tok;
		if (!fields[3])
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, fields[0]);
		if (strcmp(fields[1], "sip") != 0) {
			size_t slen;
			char *sdata = read_file(path, &slen);
			c.sdp++;
			if (!sdata) {
				fail(fields[0], "%s", "cannot read the file");
				continue;
			}
			run_sdp(fields[0], fields[3], sdata, slen, &sc);
			free(sdata);
			continue;
		}
		size_t len;
		char *data = read_file(path, &len);
		if (!data) {
			fail(fields[0], "%s", "cannot read the file");
			continue;
		}
		if (!memchr(data, '\r', len)) {
			/* bare-LF archive bytes: prove the raw form is safe, judge the wire form */
			struct guarded g = {0};
			sipmsg_msg *raw = NULL;
			const char *p = guard_copy(&g, data, len);
			if (sipmsg_parse(p, len, NULL, &raw, NULL) == SIPMSG_OK)
				sipmsg_msg_free(raw);
			guard_free(&g);
			size_t wlen;
			char *wire = wire_form(data, len, &wlen);
			free(data);
			data = wire;
			len = wlen;
			c.wire_form++;
		}
		run_sip(fields[0], fields[3], data, len, &c);
		run_sip_sdp(fields[0], fields[3], data, len, &sc);
		free(data);
	}
	fclose(f);
	if (report)
		fclose(report);
	printf("SIP valid:    %d/%d as expected: %d parsed, typed without error diagnostic, byte-exact round trip; "
	       "%d with a source erratum (tests/corpus/errata.tsv)\n",
	       c.valid_ok + c.errata, c.valid, c.valid_ok, c.errata);
	printf("SIP checks:   %d valid messages break an RFC 3261 rule sipmsg_msg_check() reports (abridged RFC examples)\n",
	       c.valid_check_errors);
	printf("SIP invalid:  %d/%d caught, %d known gaps (tests/corpus/known-gaps.tsv)\n", c.invalid_caught,
	       c.invalid, c.invalid_gap);
	printf("SIP tolerate: %d messages, %d accepted, each with a diagnostic; none crashed\n", c.tolerate,
	       c.tolerate_accepted);
	printf("SIP bare-LF archive files judged in wire form: %d\n", c.wire_form);
	printf("SDP entries:  %d\n", c.sdp);
	printf("SDP valid:    %d/%d parsed, no error diagnostic after checks, byte-exact round trip\n",
	       sc.valid_ok, sc.valid);
	printf("SDP invalid:  %d/%d rejected in strict mode\n", sc.invalid_caught, sc.invalid);
	printf("SDP tolerate: %d entries, %d accepted with diagnostics, %d rejected with a reason\n", sc.tolerate,
	       sc.tolerate_diag, sc.tolerate_rejected);
	printf("SDP bodies of valid SIP messages: %d/%d clean and byte-exact\n", sc.bodies_ok, sc.bodies);
	printf("SDP verdicts disputed (tests/corpus/sdp-disputes.tsv): %d\n", sc.disputed);
	printf("SDP bodies of other SIP messages: %d/%d parsed or rejected with a reason\n", sc.bodies_other_ok,
	       sc.bodies_other);
	printf("%d failures\n", failures);
	return failures ? 1 : 0;
}
