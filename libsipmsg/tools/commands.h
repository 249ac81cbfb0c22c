/* SPDX-License-Identifier: MIT */
/* The subcommands of the `sipmsg` tool. Each returns the process exit status:
 * 0 all good, 1 a message failed, 2 usage or I/O error. */
#ifndef SIPMSG_TOOL_COMMANDS_H
#define SIPMSG_TOOL_COMMANDS_H

#define EXIT_GOOD 0
#define EXIT_FAILED 1
#define EXIT_USAGE 2

int cmd_check(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_build(int argc, char **argv);

#endif
