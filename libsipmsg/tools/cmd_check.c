/* SPDX-License-Identifier: MIT */
/* `sipmsg check [--strict] [--json] [--stream | --sdp] FILE...`: every
 * message of every file through the pipeline, reported line by line. A file
 * is a capture when it starts with a pcap/pcapng magic number, a byte stream
 * with --stream, a bare SDP when it starts with "v=" (every file with
 * --sdp), otherwise one datagram. */
#include "capture.h"
#include "commands.h"
#include "input.h"
#include "limits.h"
#include "pipeline.h"
#include "report.h"
#include "sipstream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char check_usage[] =
	"usage: sipmsg check [--strict] [--json] [--stream | --sdp] [--limit NAME=N]...\n"
	"                    [--max-flow-bytes N] [--max-flows N] [--max-fragmented N]\n"
	"                    [--max-interfaces N] [--vxlan-port N[,N...]]\n"
	"                    [--geneve-port N[,N...]] [--gtpu-port N[,N...]]\n"
	"                    [--no-tunnels] FILE...\n"
	"\n"
	"Parse, check and round-trip every SIP message in each FILE, or each bare\n"
	"SDP, and report one line per message, then a summary.\n"
	"\n"
	"FILE is a pcap or pcapng capture (recognised by its magic number; UDP\n"
	"datagrams and reassembled TCP streams, SIP found by content on any port,\n"
	"also inside IP-in-IP, GRE, ERSPAN, MPLS, VXLAN, Geneve and GTP-U tunnels,\n"
	"on Ethernet, 802.11 (radiotap, PPI, ...) and other links, over WebSocket\n"
	"after an HTTP upgrade to the sip subprotocol (RFC 7118), and mirrored in\n"
	"HEP packets over UDP or TCP, reported with the endpoints the agent\n"
	"captured), a bare SDP\n"
	"(a raw file that starts with \"v=\"), a raw message (the whole file is one\n"
	"datagram), or - for standard input.\n"
	"\n"
	"  --strict            strict parsing (any malformed header fails the message),\n"
	"                      and the errors of the checks fail it too\n"
	"  --json              one JSON object per line: each message with all its\n"
	"                      diagnostics, notices, and a final summary object\n"
	"  --stream            the file is a TCP byte stream: frame it into messages\n"
	"                      (Content-Length required) before checking each\n"
	"  --sdp               every FILE is a bare SDP, whatever it starts with\n"
	"%s"
	"  --max-flow-bytes N  bytes held per TCP direction for reassembly, and per\n"
	"                      SCTP message in fragments (default 4194304); beyond\n"
	"                      that a hole is a gap, an SCTP message given up\n"
	"  --max-flows N       TCP directions followed at once, and SCTP ones\n"
	"                      (default 65536); past that the least recently active\n"
	"                      is dropped, with a notice\n"
	"  --max-fragmented N  IP datagrams in reassembly at once (default 64); past\n"
	"                      that the oldest is dropped, with a notice\n"
	"  --max-interfaces N  interfaces one pcapng section may describe (default\n"
	"                      65536); past that the capture is refused there\n"
	"  --vxlan-port N[,N...]   UDP ports VXLAN is looked for on\n"
	"                      (default 4789,8472: IANA's and the Linux kernel's)\n"
	"  --geneve-port N[,N...]  the same for Geneve (default 6081)\n"
	"  --gtpu-port N[,N...]    the same for GTP-U (default 2152)\n"
	"                      (at most 8 ports each, none in two lists; a datagram\n"
	"                      that starts with a SIP start line is read as SIP on\n"
	"                      any of them)\n"
	"  --no-tunnels        look into no tunnel: IP in IP, GRE, VXLAN, Geneve and\n"
	"                      GTP-U packets are skipped like other non-SIP traffic\n"
	"  -h, --help          this text\n"
	"\n"
	"Each message is parsed, checked (the RFC 3261 rules with every header read\n"
	"typed, and the SDP rules on SDP bodies and multipart parts), written back\n"
	"and parsed again; a bare SDP likewise, with the SDP rules. It is OK (no\n"
	"diagnostic), WARN (diagnostics, none of which fails it) or FAIL (it does\n"
	"not parse, the parse found an error, or it does not write back byte for\n"
	"byte and parse equal). Errors only the checks find (a missing mandatory\n"
	"header, a malformed header the parse does not read, an SDP error such as\n"
	"an m= without c=) FAIL it with --strict and make it WARN without.\n"
	"Exit status: 0 nothing failed, 1 a message failed, or SIP in a capture\n"
	"could not be checked: frames shown to be SIP (a kept start line, HEP chunk\n"
	"or WebSocket upgrade) cut short by the snapshot length, or a SIP datagram\n"
	"whose later IP fragments were not captured; 2 usage or I/O error\n"
	"(unreadable file, corrupt or truncated capture).\n";

struct check_run {
	struct pipeline pipe;
	struct reporter rep;
	bool stream;
	bool force_sdp; /* --sdp: every file is a bare SDP */
	size_t max_flow_bytes, max_flows, max_fragmented, max_interfaces;
	struct tunnel_opts tunnels;
	bool progress_shown;
	const char *file;
	uint64_t sip_seen;
};

static void check_record(void *ctx, const struct capture_record *rec)
{
	struct check_run *run = ctx;
	if (rec->kind == CAPTURE_NOTICE) {
		report_notice(&run->rep, rec);
		return;
	}
	run->sip_seen++;
	pipeline_check(&run->pipe, rec->data, rec->len, rec->transport == CAPTURE_TCP,
		       rec->kind == CAPTURE_FRAMING_ERROR ? rec->error : NULL);
	report_message(&run->rep, rec, UINT64_MAX, rec->data, rec->len, &run->pipe);
}

/* Only for large captures and only on a terminal: a line that overwrites itself. */
static void progress(void *ctx, uint64_t frames)
{
	struct check_run *run = ctx;
	fprintf(stderr, "\rsipmsg: %s: %llu frames, %llu SIP messages...", run->file, (unsigned long long)frames,
		(unsigned long long)run->sip_seen);
	run->progress_shown = true;
}

static int run_capture(struct check_run *run, const char *name, FILE *fp)
{
	struct capture_opts o;
	capture_opts_init(&o);
	o.max_flow_bytes = run->max_flow_bytes;
	o.max_flows = run->max_flows;
	o.max_fragmented = run->max_fragmented;
	o.max_interfaces = run->max_interfaces;
	o.tunnels = run->tunnels;
	if (isatty(STDERR_FILENO)) {
		o.progress = progress;
		o.progress_ctx = run;
	}
	char err[512];
	struct capture *c = fp ? capture_open_fp(fp, &o, err, sizeof err) : capture_open_file(name, &o, err, sizeof err);
	if (!c) {
		report_error(&run->rep, name, err);
		return EXIT_USAGE;
	}
	run->file = name;
	run->sip_seen = 0;
	report_begin_file(&run->rep, name, c);
	int rc = capture_run(c, check_record, run, err, sizeof err);
	if (run->progress_shown) {
		fputs("\r\033[K", stderr);
		run->progress_shown = false;
	}
	report_end_capture(&run->rep);
	capture_close(c);
	if (rc != 0) {
		report_error(&run->rep, name, err);
		return EXIT_USAGE;
	}
	return EXIT_GOOD;
}

static void stream_event(void *ctx, const struct sipstream_event *ev)
{
	struct check_run *run = ctx;
	if (ev->kind == SIPSTREAM_NOTICE) {
		struct capture_record rec = {.kind = CAPTURE_NOTICE, .notice_kind = ev->notice_kind, .text = ev->text};
		report_notice(&run->rep, &rec);
		return;
	}
	pipeline_check(&run->pipe, ev->data, ev->len, true, ev->kind == SIPSTREAM_FRAMING_ERROR ? ev->error : NULL);
	report_message(&run->rep, NULL, ev->offset, ev->data, ev->len, &run->pipe);
}

static void run_bytes(struct check_run *run, const char *name, const uint8_t *data, size_t len)
{
	report_begin_file(&run->rep, name, NULL);
	if (run->stream) {
		struct sipstream s;
		sipstream_init(&s, SIPSTREAM_ASSUME_SIP, len + 1, stream_event, run);
		sipstream_feed(&s, data, len);
		sipstream_finish(&s);
		sipstream_release(&s);
		return;
	}
	if (run->force_sdp || input_is_bare_sdp(data, len))
		pipeline_check_sdp(&run->pipe, data, len);
	else
		pipeline_check(&run->pipe, data, len, false, NULL);
	report_message(&run->rep, NULL, UINT64_MAX, data, len, &run->pipe);
}

static int check_file(struct check_run *run, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	char msg[300];
	if (!f) {
		snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
		report_error(&run->rep, path, msg);
		return EXIT_USAGE;
	}
	/* A capture file is read by libpcap as it goes, never whole into memory. */
	bool may_be_capture = !run->stream && !run->force_sdp;
	if (!is_stdin && may_be_capture) {
		uint8_t magic[4];
		size_t got = fread(magic, 1, sizeof magic, f);
		if (capture_has_magic(magic, got)) {
			fclose(f);
			return run_capture(run, path, NULL);
		}
		rewind(f);
	}
	int err = 0;
	size_t len = 0;
	uint8_t *data = input_slurp(f, &len, &err);
	if (!is_stdin)
		fclose(f);
	if (!data) {
		snprintf(msg, sizeof msg, "cannot read: %s", strerror(err));
		report_error(&run->rep, path, msg);
		return EXIT_USAGE;
	}
	int rc = EXIT_GOOD;
	if (is_stdin && may_be_capture && capture_has_magic(data, len)) {
		FILE *mem = fmemopen(data, len, "rb");
		if (!mem) {
			snprintf(msg, sizeof msg, "cannot read the capture: %s", strerror(errno));
			report_error(&run->rep, path, msg);
			rc = EXIT_USAGE;
		} else {
			rc = run_capture(run, path, mem);
		}
	} else {
		run_bytes(run, path, data, len);
	}
	free(data);
	return rc;
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("sipmsg check: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(see sipmsg check --help)\n", stderr);
	return EXIT_USAGE;
}

/* a is the option `name`, alone ("--name N") or with its value ("--name=N"). */
static bool is_option(const char *a, const char *name)
{
	size_t n = strlen(name);
	return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

/* The value of the option at argv[*i] (after its '=', or the next argument), or NULL. */
static const char *option_value(int argc, char **argv, int *i)
{
	const char *eq = strchr(argv[*i], '=');
	if (eq)
		return eq + 1;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

static bool parse_size(const char *s, unsigned long long min, size_t *out)
{
	if (!s)
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v < min || v > (1ull << 32) || s[0] == '-')
		return false;
	*out = (size_t)v;
	return true;
}

/* --vxlan-port and its kin: a list of UDP ports, in place of the defaults.
 * False, with the usage error said, when it is not one. */
static bool ports_option(int argc, char **argv, int *i, const char *name, struct tunnel_ports *ports)
{
	const char *v = option_value(argc, argv, i);
	char why[200], msg[280];
	if (!v) {
		usage_error("%s needs a list of UDP ports N[,N...]", name);
		return false;
	}
	if (tunnel_ports_parse(v, ports, why, sizeof why))
		return true;
	snprintf(msg, sizeof msg, "%s: %s", name, why);
	usage_error("%s", msg);
	return false;
}

int cmd_check(int argc, char **argv)
{
	bool strict = false, json = false, stream = false, force_sdp = false;
	size_t max_flow = CAPTURE_DEFAULT_MAX_FLOW_BYTES, max_flows = CAPTURE_DEFAULT_MAX_FLOWS,
	       max_fragmented = CAPTURE_DEFAULT_MAX_FRAGMENTED, max_interfaces = CAPTURE_DEFAULT_MAX_INTERFACES;
	struct tunnel_opts tunnels;
	tunnel_opts_init(&tunnels);
	sipmsg_parse_opts limits; /* only the limits are taken from it */
	sipmsg_parse_opts_init(&limits);
	char why[200];
	int first_file = argc;
	bool dashdash = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			first_file = i + 1;
			dashdash = true;
			break;
		}
		if (strcmp(a, "-") == 0 || a[0] != '-') {
			first_file = i;
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			printf(check_usage, limit_help);
			return EXIT_GOOD;
		} else if (strcmp(a, "--strict") == 0) {
			strict = true;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--stream") == 0) {
			stream = true;
		} else if (strcmp(a, "--sdp") == 0) {
			force_sdp = true;
		} else if (is_option(a, "--max-flow-bytes")) {
			if (!parse_size(option_value(argc, argv, &i), 1024, &max_flow))
				return usage_error("--max-flow-bytes needs a number of bytes from 1024 to 4294967296%s", "");
		} else if (is_option(a, "--max-flows")) {
			if (!parse_size(option_value(argc, argv, &i), 1, &max_flows))
				return usage_error("--max-flows needs a number from 1 to 4294967296%s", "");
		} else if (is_option(a, "--max-fragmented")) {
			if (!parse_size(option_value(argc, argv, &i), 1, &max_fragmented))
				return usage_error("--max-fragmented needs a number from 1 to 4294967296%s", "");
		} else if (is_option(a, "--max-interfaces")) {
			if (!parse_size(option_value(argc, argv, &i), 1, &max_interfaces))
				return usage_error("--max-interfaces needs a number from 1 to 4294967296%s", "");
		} else if (is_option(a, "--vxlan-port")) {
			if (!ports_option(argc, argv, &i, "--vxlan-port", &tunnels.vxlan))
				return EXIT_USAGE;
		} else if (is_option(a, "--geneve-port")) {
			if (!ports_option(argc, argv, &i, "--geneve-port", &tunnels.geneve))
				return EXIT_USAGE;
		} else if (is_option(a, "--gtpu-port")) {
			if (!ports_option(argc, argv, &i, "--gtpu-port", &tunnels.gtp_u))
				return EXIT_USAGE;
		} else if (strcmp(a, "--no-tunnels") == 0) {
			tunnels.off = true;
		} else if (is_option(a, "--limit")) {
			const char *v = option_value(argc, argv, &i);
			if (!v)
				return usage_error("--limit needs NAME=N%s", "");
			if (!limit_apply(v, &limits, why, sizeof why))
				return usage_error("%s", why);
		} else {
			return usage_error("unknown option '%s'", a);
		}
	}
	if (first_file >= argc)
		return usage_error("no FILE given%s (use - for standard input)", "");
	if (!tunnel_opts_check(&tunnels, why, sizeof why))
		return usage_error("%s", why);
	if (stream && force_sdp) /* a stream is framed into SIP messages by their Content-Length */
		return usage_error("--stream and --sdp do not go together%s", "");
	/* Options after the files are a mistake worth naming, not a file name. */
	for (int i = first_file; i < argc && !dashdash; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return usage_error("options go before the files: '%s' (use -- before a file name that starts with -)",
					   argv[i]);

	struct check_run run;
	memset(&run, 0, sizeof run);
	run.stream = stream;
	run.force_sdp = force_sdp;
	run.max_flow_bytes = max_flow;
	run.max_flows = max_flows;
	run.max_fragmented = max_fragmented;
	run.max_interfaces = max_interfaces;
	run.tunnels = tunnels;
	if (!pipeline_init(&run.pipe, strict)) {
		fputs("sipmsg check: out of memory\n", stderr);
		return EXIT_USAGE;
	}
	limit_copy(&run.pipe.opts, &limits);
	report_init(&run.rep, stdout, json);
	for (int i = first_file; i < argc; i++) { /* line up the verdicts of raw files */
		int w = (int)strlen(argv[i]) + (stream ? 7 : 0);
		if (w > run.rep.name_width)
			run.rep.name_width = w < 40 ? w : 40;
	}
	bool io_error = false;
	for (int i = first_file; i < argc; i++)
		if (check_file(&run, argv[i]) != EXIT_GOOD)
			io_error = true;
	report_summary(&run.rep);
	pipeline_release(&run.pipe);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "sipmsg check: writing the report failed: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	if (io_error)
		return EXIT_USAGE;
	/* SIP that could not be checked is no pass: a job must not read it as one */
	return run.rep.totals.failed || run.rep.totals.cut_short ? EXIT_FAILED : EXIT_GOOD;
}
