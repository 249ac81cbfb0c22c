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
	"  check [--strict] [--json] [--stream] FILE...\n"
	"                    parse, check and round-trip every SIP message in raw\n"
	"                    messages, byte streams or pcap/pcapng captures\n"
	"  parse [--strict] [--sdp] FILE|-\n"
	"                    print a message as JSON (not yet implemented)\n"
	"  build FILE|-      build a message from that JSON (not yet implemented)\n"
	"\n"
	"  sipmsg COMMAND --help   help for one command\n"
	"  sipmsg --version        the library version\n"
	"\n"
	"Exit status: 0 all good, 1 a message failed, 2 usage or I/O error.\n";

/* parse and build print and read the typed JSON schema, which needs the typed
 * header views; until they exist the commands say so plainly. */
static int not_yet(const char *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			printf("usage: sipmsg %s%s\n\nNot yet implemented: it needs the typed header layer.\n", cmd,
			       strcmp(cmd, "parse") == 0 ? " [--strict] [--sdp] FILE|-" : " FILE|-");
			return EXIT_GOOD;
		}
	fprintf(stderr, "sipmsg %s: not yet implemented (it needs the typed header layer); use sipmsg check\n", cmd);
	return EXIT_USAGE;
}

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
	if (strcmp(cmd, "parse") == 0 || strcmp(cmd, "build") == 0)
		return not_yet(cmd, argc - 1, argv + 1);
	fprintf(stderr, "sipmsg: unknown command '%s'\n\n%s", cmd, tool_usage);
	return EXIT_USAGE;
}
