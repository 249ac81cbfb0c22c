/* SPDX-License-Identifier: MIT */
/* Reading a whole input into memory (a file, or standard input for "-"),
 * and telling what it holds. */
#ifndef SIPMSG_TOOL_INPUT_H
#define SIPMSG_TOOL_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The rest of a stdio stream (malloc'd; free it). NULL with *err an errno
 * value when reading failed. */
uint8_t *input_slurp(FILE *f, size_t *len, int *err);

/* The whole of path ("-": standard input). NULL on failure, with what went
 * wrong in why ("cannot open: No such file or directory"). */
uint8_t *input_read(const char *path, size_t *len, char *why, size_t why_size);

/* The input is a bare SDP rather than a SIP message: it starts with "v="
 * (RFC 8866 §5: v= is the first line; no SIP method contains '='). */
bool input_is_bare_sdp(const uint8_t *data, size_t len);

#endif
