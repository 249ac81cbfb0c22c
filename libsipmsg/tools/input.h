/* SPDX-License-Identifier: MIT */
/* Reading a whole input into memory: a file, or standard input for "-". */
#ifndef SIPMSG_TOOL_INPUT_H
#define SIPMSG_TOOL_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The rest of a stdio stream (malloc'd; free it). NULL with *err an errno
 * value when reading failed. */
uint8_t *input_slurp(FILE *f, size_t *len, int *err);

/* The whole of path ("-": standard input). NULL on failure, with what went
 * wrong in why ("cannot open: No such file or directory"). */
uint8_t *input_read(const char *path, size_t *len, char *why, size_t why_size);

#endif
