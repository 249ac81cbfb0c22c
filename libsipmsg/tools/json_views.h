/* SPDX-License-Identifier: MIT */
/* The typed views of SIP headers (sipmsg/views.h) and URIs (sipmsg/uri.h) as
 * JSON objects. Every object has the fields of its C struct, under the same
 * names: slices as strings (null when absent), numbers as numbers, enums by
 * name, arrays as arrays; a has_X flag and its X become X or null. */
#ifndef SIPMSG_TOOL_JSON_VIEWS_H
#define SIPMSG_TOOL_JSON_VIEWS_H

#include "json.h"

#include <sipmsg/sipmsg.h>

void jv_params(struct jw *w, const sipmsg_param *params, size_t count);
void jv_uri(struct jw *w, const sipmsg_uri *uri);
/* The view of one header value; null for a kind without one (text). */
void jv_typed(struct jw *w, const sipmsg_typed *t);
/* A diagnostic: code, code_number, severity, offset, line, column, header,
 * header_index, message (the schema `sipmsg check --json` uses). */
void jv_diag(struct jw *w, const sipmsg_diag *d);
/* Why a parse failed (a sipmsg_error), as a diagnostic object of severity
 * error; its code is the status name when the error has no diagnostic code. */
void jv_error(struct jw *w, sipmsg_status st, const sipmsg_error *err);
const char *jv_host_type_name(sipmsg_host_type t);

#endif
