/* SPDX-License-Identifier: MIT */
/* Just enough JSON output for the tool: quoted strings. Bytes that are valid
 * UTF-8 pass through; control characters are escaped; a byte that is not
 * part of valid UTF-8 is written as \u00XX (its Latin-1 reading), so the
 * output is always valid JSON and no byte is silently lost. */
#ifndef SIPMSG_TOOL_JSON_H
#define SIPMSG_TOOL_JSON_H

#include <stddef.h>
#include <stdio.h>

void json_string(FILE *out, const void *data, size_t len);
void json_cstring(FILE *out, const char *s); /* NULL writes null */

#endif
