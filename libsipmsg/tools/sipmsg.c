/* SPDX-License-Identifier: MIT */
/* `sipmsg`: the command-line tool. Dispatches to one file per command. */
#include "commands.h"

#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <string.h>

static const char tool_usage[] =
	"usage: sipmsg COMMAND [OPTIONS] ARGS\n"
	"\n"
	"Commands:\n"
	"  check [--strict] [--json] [--stream | --sdp] FILE...\n"
	"                    parse, check and round-trip every SIP message in raw\n"
	"                    messages, byte streams or pcap/pcapng captures, and\n"
	"                    bare SDPs\n"
	"  parse [--strict] [--sdp] [--compact] FILE|-\n"
	"                    print one message (or a bare SDP) as JSON: start line,\n"
	"                    headers with their typed views, body, SDP, diagnostics\n"
	"  build FILE|-      write the wire bytes of the JSON that parse prints\n"
	"\n"
	"  sipmsg COMMAND --help   help for one command\n"
	"  sipmsg --version        the library version\n"
	"\n"
	"Exit status: 0 all good, 1 a message failed, 2 usage or I/O error.\n"
	"The manual: man sipmsg (docs/sipmsg.1); the JSON schema: docs/json.md.\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(tool_usage, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(tool_usage, stdout);
		return EXIT_GOOD;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("sipmsg %s\n", sipmsg_version());
		return EXIT_GOOD;
	}
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(cmd, "parse") == 0)
		return cmd_parse(argc - 1, argv + 1);
	if (strcmp(cmd, "build") == 0)
		return cmd_build(argc - 1, argv + 1);
	fprintf(stderr, "sipmsg: unknown command '%s'\n\n%s", cmd, tool_usage);
	return EXIT_USAGE;
}
