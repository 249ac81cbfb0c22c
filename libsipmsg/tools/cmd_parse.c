/* SPDX-License-Identifier: MIT */
/* `sipmsg parse [--strict] [--sdp] FILE|-`: one SIP message (the file is one
 * datagram) or one bare SDP, printed as JSON (docs/json.md). */
#include "capture.h"
#include "commands.h"
#include "input.h"
#include "json_msg.h"
#include "limits.h"

#include <stdlib.h>
#include <string.h>

static const char parse_usage[] =
	"usage: sipmsg parse [--strict] [--sdp] [--compact] [--limit NAME=N]... FILE|-\n"
	"\n"
	"Print one SIP message, or one SDP session description, as JSON: the start\n"
	"line, every header in wire order with its typed view, the body (as text,\n"
	"or base64 when it is not UTF-8), the SDP of an application/sdp body or\n"
	"multipart part, and every diagnostic of the parse and of the RFC 3261 and\n"
	"SDP checks. The schema is in docs/json.md; `sipmsg build` reads it back.\n"
	"\n"
	"FILE holds one message (a datagram: bytes after its Content-Length are\n"
	"reported and ignored), or - for standard input. Input whose first line\n"
	"starts with \"v=\" is read as a bare SDP. A pcap or pcapng capture is a\n"
	"usage error: `sipmsg check` reads those.\n"
	"\n"
	"  --strict            strict parsing: any malformed header (or SDP line)\n"
	"                      fails it\n"
	"  --sdp               read the input as a bare SDP whatever it starts with\n"
	"  --compact           one line of JSON instead of indented output\n"
	"%s"
	"  -h, --help          this text\n"
	"\n"
	"Exit status: 0 parsed; 1 it did not parse (the JSON then has type \"error\"\n"
	"and the reason), or with --strict a diagnostic is an error; 2 usage or I/O\n"
	"error.\n";

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "sipmsg parse: %s%s%s\n(see sipmsg parse --help)\n", what, arg ? " " : "", arg ? arg : "");
	return EXIT_USAGE;
}

/* One line on stderr saying why the input did not parse, where. */
static void report_failure(const char *path, const sipmsg_error *err)
{
	char where[320];
	sipmsg_error_format(err, where, sizeof where);
	fprintf(stderr, "sipmsg parse: %s: %s\n", path, where);
}

static int parse_sip(struct jw *w, const char *path, const uint8_t *data, size_t len, const sipmsg_parse_opts *o)
{
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	sipmsg_status st = sipmsg_parse(data, len, o, &m, &err);
	if (st != SIPMSG_OK) {
		jmsg_error(w, "sip", len, st, &err);
		report_failure(path, &err);
		return EXIT_FAILED;
	}
	size_t errors = jmsg_message(w, m); /* the checks' too, SDP bodies and parts included */
	sipmsg_msg_free(m);
	return (o->flags & SIPMSG_PARSE_STRICT) && errors ? EXIT_FAILED : EXIT_GOOD;
}

static int parse_sdp(struct jw *w, const char *path, const uint8_t *data, size_t len, const sipmsg_parse_opts *o)
{
	sipmsg_sdp *sdp = NULL;
	sipmsg_error err;
	sipmsg_status st = sipmsg_sdp_parse(data, len, o, &sdp, &err);
	if (st != SIPMSG_OK) {
		jmsg_error(w, "sdp", len, st, &err);
		report_failure(path, &err);
		return EXIT_FAILED;
	}
	jmsg_sdp(w, sdp, (const char *)data, len);
	size_t errors = sipmsg_sdp_error_count(sdp);
	sipmsg_sdp_free(sdp);
	return (o->flags & SIPMSG_PARSE_STRICT) && errors ? EXIT_FAILED : EXIT_GOOD;
}

int cmd_parse(int argc, char **argv)
{
	bool strict = false, force_sdp = false, compact = false;
	const char *path = NULL;
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	char bad[200];
	bool dashdash = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = true;
		} else if (!dashdash && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
			printf(parse_usage, limit_help);
			return EXIT_GOOD;
		} else if (!dashdash && strcmp(a, "--strict") == 0) {
			strict = true;
		} else if (!dashdash && strcmp(a, "--sdp") == 0) {
			force_sdp = true;
		} else if (!dashdash && strcmp(a, "--compact") == 0) {
			compact = true;
		} else if (!dashdash && (strcmp(a, "--limit") == 0 || strncmp(a, "--limit=", 8) == 0)) {
			const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v)
				return usage_error("--limit needs NAME=N", NULL);
			if (!limit_apply(v, &o, bad, sizeof bad))
				return usage_error(bad, NULL);
		} else if (!dashdash && a[0] == '-' && a[1]) {
			return usage_error("unknown option", a);
		} else if (path) {
			return usage_error("one FILE only; extra argument", a);
		} else {
			path = a;
		}
	}
	if (!path)
		return usage_error("no FILE given (use - for standard input)", NULL);

	char why[300];
	size_t len = 0;
	uint8_t *data = input_read(path, &len, why, sizeof why);
	if (!data) {
		fprintf(stderr, "sipmsg parse: %s: %s\n", path, why);
		return EXIT_USAGE;
	}
	if (!force_sdp && capture_has_magic(data, len)) {
		/* its bytes are no message: say what the file is, not where the
		 * first "line" of pcap headers broke the SIP grammar */
		fprintf(stderr,
			"sipmsg parse: %s: a pcap or pcapng capture; parse reads one SIP message or SDP "
			"(check the capture's messages with: sipmsg check %s)\n",
			path, path);
		free(data);
		return EXIT_USAGE;
	}
	if (strict)
		o.flags |= SIPMSG_PARSE_STRICT;
	struct jw w;
	jw_init(&w, stdout, !compact);
	bool sdp = force_sdp || input_is_bare_sdp(data, len);
	int rc = sdp ? parse_sdp(&w, path, data, len, &o) : parse_sip(&w, path, data, len, &o);
	free(data);
	if (!jw_finish(&w)) {
		fputs("sipmsg parse: writing the JSON failed\n", stderr);
		return EXIT_USAGE;
	}
	return rc;
}
