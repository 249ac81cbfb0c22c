/* SPDX-License-Identifier: MIT */
/* `--limit NAME=N`, shared by `check` and `parse`: every parse limit of the
 * library settable by name from the command line (message-size, headers,
 * line-length, list-items, uri-params, sdp-lines, multipart-depth). */
#ifndef SIPMSG_TOOL_LIMITS_H
#define SIPMSG_TOOL_LIMITS_H

#include <sipmsg/sipmsg.h>
#include <stdbool.h>
#include <stddef.h>

/* The help lines describing --limit, names and defaults included. */
extern const char limit_help[];

/* Set the limit NAME=N of spec in o. False, with why filled, when the name
 * is unknown or N is not a whole number from 1 to 4294967295. */
bool limit_apply(const char *spec, sipmsg_parse_opts *o, char *why, size_t whylen);

/* Copy every limit (only the limits) of from into to. */
void limit_copy(sipmsg_parse_opts *to, const sipmsg_parse_opts *from);

#endif
