/* SPDX-License-Identifier: MIT */
/* Diagnostic codes (one table) and the per-message diagnostic list. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

struct diag_row {
	int code;
	const char *name;
	const char *message;
};

/* One row per code: stable name and default one-line message. */
static const struct diag_row diag_rows[] = {
	{SIPMSG_DIAG_EMPTY_MESSAGE, "empty-message", "no message in the input"},
	{SIPMSG_DIAG_BAD_START_LINE, "bad-start-line", "the start line is neither a request line nor a status line"},
	{SIPMSG_DIAG_BAD_METHOD, "bad-method", "the method is not a token"},
	{SIPMSG_DIAG_BAD_REQUEST_URI, "bad-request-uri", "the Request-URI is malformed"},
	{SIPMSG_DIAG_BAD_VERSION, "bad-version", "the SIP-Version is malformed"},
	{SIPMSG_DIAG_UNSUPPORTED_VERSION, "unsupported-version", "the SIP-Version is not SIP/2.0"},
	{SIPMSG_DIAG_BAD_STATUS_CODE, "bad-status-code", "the status code is not three digits"},
	{SIPMSG_DIAG_BAD_REASON_PHRASE, "bad-reason-phrase", "control characters in the reason phrase"},
	{SIPMSG_DIAG_START_LINE_SPACES, "start-line-spaces", "extra spaces in the start line"},
	{SIPMSG_DIAG_LEADING_CRLF, "leading-crlf", "line ends before the start line"},
	{SIPMSG_DIAG_BARE_LF, "bare-lf", "a line ends in LF without CR"},
	{SIPMSG_DIAG_BAD_HEADER_NAME, "bad-header-name", "the header name is not a token"},
	{SIPMSG_DIAG_MISSING_COLON, "missing-colon", "the header line has no colon after its name"},
	{SIPMSG_DIAG_FOLD_WITHOUT_HEADER, "fold-without-header", "a continuation line before any header"},
	{SIPMSG_DIAG_CTL_IN_VALUE, "ctl-in-value", "a control character in a header value"},
	{SIPMSG_DIAG_UNTERMINATED_HEADERS, "unterminated-headers", "the header section is not closed by an empty line"},
	{SIPMSG_DIAG_BAD_CONTENT_LENGTH, "bad-content-length", "Content-Length is not a decimal number"},
	{SIPMSG_DIAG_CONFLICTING_CONTENT_LENGTH, "conflicting-content-length", "several Content-Length values disagree"},
	{SIPMSG_DIAG_BODY_TRUNCATED, "body-truncated", "Content-Length is larger than the bytes that follow"},
	{SIPMSG_DIAG_TRAILING_BYTES, "trailing-bytes", "bytes after the end of the message were ignored"},
	{SIPMSG_DIAG_MISSING_CONTENT_LENGTH, "missing-content-length", "no Content-Length on a stream transport"},
	{SIPMSG_DIAG_LONE_CR, "lone-cr", "a CR not followed by LF"},
	{SIPMSG_DIAG_EMPTY_HEADER_VALUE, "empty-header-value", "the header has no value"},

	{SIPMSG_DIAG_BAD_HEADER_VALUE, "bad-header-value", "the header value does not match its grammar"},
	{SIPMSG_DIAG_BAD_URI, "bad-uri", "the URI does not match its grammar"},
	{SIPMSG_DIAG_VALUE_OUT_OF_RANGE, "value-out-of-range", "a number is out of range"},
	{SIPMSG_DIAG_EMPTY_LIST_ITEM, "empty-list-item", "an empty element in a list"},
	{SIPMSG_DIAG_UNTERMINATED_QUOTE, "unterminated-quote", "a quoted string is not closed"},
	{SIPMSG_DIAG_UNBALANCED_ANGLE, "unbalanced-angle", "angle brackets do not match"},
	{SIPMSG_DIAG_BAD_ESCAPE, "bad-escape", "'%' is not followed by two hex digits"},
	{SIPMSG_DIAG_BAD_IP_ADDRESS, "bad-ip-address", "an IP address literal is malformed"},
	{SIPMSG_DIAG_BAD_PARAMETER, "bad-parameter", "a parameter is malformed"},

	{SIPMSG_DIAG_MISSING_HEADER, "missing-header", "a mandatory header is missing"},
	{SIPMSG_DIAG_MULTIPLE_VALUES, "multiple-values", "a single-valued header appears more than once, a \"*\" Contact comes with other Contact values, or a parameter named once is repeated"},
	{SIPMSG_DIAG_CSEQ_METHOD_MISMATCH, "cseq-method-mismatch", "the CSeq method differs from the request method"},
	{SIPMSG_DIAG_CONTENT_LENGTH_MISMATCH, "content-length-mismatch", "Content-Length disagrees with the body"},
	{SIPMSG_DIAG_BRANCH_NO_COOKIE, "branch-no-cookie", "the Via branch lacks the z9hG4bK magic cookie"},
	{SIPMSG_DIAG_MISSING_CONTENT_TYPE, "missing-content-type", "a body without Content-Type"},
	{SIPMSG_DIAG_UNKNOWN_URI_SCHEME, "unknown-uri-scheme", "the Request-URI scheme is not sip, sips or tel"},
	{SIPMSG_DIAG_STATUS_OUT_OF_RANGE, "status-out-of-range", "the status code is outside 100..699"},
	{SIPMSG_DIAG_MAX_FORWARDS_RANGE, "max-forwards-range", "Max-Forwards is outside 0..255"},
	{SIPMSG_DIAG_EMPTY_BRANCH, "empty-branch", "the Via branch is only the magic cookie"},
	{SIPMSG_DIAG_REQUEST_URI_HEADERS, "request-uri-headers", "the Request-URI carries URI headers"},
	{SIPMSG_DIAG_MISSING_BRANCH, "missing-branch", "a Via has no branch parameter"},
	{SIPMSG_DIAG_BAD_DIGEST_PARAM, "bad-digest-param", "a Digest parameter is missing or its value is out of its shape"},
	{SIPMSG_DIAG_BAD_TEXT_HEADER, "bad-text-header", "a header kept as text is out of its grammar"},
	{SIPMSG_DIAG_BAD_VIA_PARAM, "bad-via-param", "a Via extension parameter's value is not a token, host or quoted-string"},
	{SIPMSG_DIAG_HEADER_RULE, "header-rule", "a header value its grammar takes but its RFC's rules retire or narrow"},
	{SIPMSG_DIAG_START_LINE_RULE, "start-line-rule", "a start line a receiver reads but a sender must not write"},
	{SIPMSG_DIAG_BAD_HOST_NAME, "bad-host-name", "a host name whose labels break RFC 3261's hostname rule"},

	{SIPMSG_DIAG_SDP_BAD_LINE, "sdp-bad-line", "the SDP line is not <letter>=<value>"},
	{SIPMSG_DIAG_SDP_UNKNOWN_TYPE, "sdp-unknown-type", "an unknown SDP line type"},
	{SIPMSG_DIAG_SDP_LINE_ORDER, "sdp-line-order", "an SDP line out of order"},
	{SIPMSG_DIAG_SDP_MISSING_LINE, "sdp-missing-line", "a mandatory SDP line is missing"},
	{SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME, "sdp-empty-session-name", "the s= line is empty"},
	{SIPMSG_DIAG_SDP_BAD_VALUE, "sdp-bad-value", "the SDP value does not match its grammar"},
	{SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS, "sdp-pt-not-in-formats", "a payload type not listed on the m= line"},
	{SIPMSG_DIAG_SDP_BAD_PORT, "sdp-bad-port", "a port outside 0..65535 or one its RFC rules out"},
	{SIPMSG_DIAG_SDP_BAD_ADDRESS, "sdp-bad-address", "an address that does not match its type"},
	{SIPMSG_DIAG_SDP_DUPLICATE_MID, "sdp-duplicate-mid", "two media sections share a mid"},
	{SIPMSG_DIAG_SDP_GROUP_UNKNOWN_MID, "sdp-group-unknown-mid", "a group names an unknown mid"},
	{SIPMSG_DIAG_SDP_SCOPE, "sdp-scope", "an attribute used at the wrong level"},
	{SIPMSG_DIAG_SDP_EMPTY_LINE, "sdp-empty-line", "an empty line in the SDP"},
	{SIPMSG_DIAG_SDP_CTL_IN_LINE, "sdp-ctl-in-line", "a control character inside an SDP line"},
	{SIPMSG_DIAG_SDP_NO_LINE_END, "sdp-no-line-end", "the last SDP line has no line end"},
	{SIPMSG_DIAG_SDP_SIMULCAST_UNKNOWN_RID, "sdp-simulcast-unknown-rid", "a=simulcast names a rid that no a=rid defines"},

	{SIPMSG_DIAG_MULTIPART_NO_BOUNDARY, "multipart-no-boundary", "multipart Content-Type without boundary"},
	{SIPMSG_DIAG_MULTIPART_BAD, "multipart-bad", "the multipart body does not split on its boundary"},
	{SIPMSG_DIAG_MULTIPART_UNCLOSED, "multipart-unclosed", "the multipart body has no closing --boundary-- line"},

	{SIPMSG_DIAG_LIMIT_MESSAGE_SIZE, "limit-message-size", "the message exceeds max_message_size"},
	{SIPMSG_DIAG_LIMIT_HEADERS, "limit-headers", "the message exceeds max_headers"},
	{SIPMSG_DIAG_LIMIT_LINE_LENGTH, "limit-line-length", "a line exceeds max_line_length"},
	{SIPMSG_DIAG_LIMIT_LIST_ITEMS, "limit-list-items", "a list exceeds max_list_items"},
	{SIPMSG_DIAG_LIMIT_URI_PARAMS, "limit-uri-params", "parameters exceed max_uri_params"},
	{SIPMSG_DIAG_LIMIT_SDP_LINES, "limit-sdp-lines", "the SDP exceeds max_sdp_lines"},
	{SIPMSG_DIAG_LIMIT_MULTIPART_DEPTH, "limit-multipart-depth", "multipart nesting exceeds max_multipart_depth"},
};

static const struct diag_row *diag_row(int code)
{
	for (size_t i = 0; i < sizeof diag_rows / sizeof diag_rows[0]; i++)
		if (diag_rows[i].code == code)
			return &diag_rows[i];
	return NULL;
}

const char *sipmsg_diag_code_name(int code)
{
	const struct diag_row *r = diag_row(code);
	return r ? r->name : (code == 0 ? "none" : "unknown");
}

const char *sm_diag_default_message(int code)
{
	const struct diag_row *r = diag_row(code);
	return r ? r->message : "unknown diagnostic";
}

const char *sipmsg_severity_name(sipmsg_severity s)
{
	return s == SIPMSG_SEVERITY_ERROR ? "error" : "warning";
}

/* Line of a header from its recorded line plus the line ends before `at`. */
static void diag_position(sipmsg_msg *m, const char *at, size_t hdr, sipmsg_diag *d)
{
	d->offset = (size_t)(at - m->base);
	if (hdr != SM_NOPOS && hdr < m->nhdrs && m->hdrs[hdr].line && m->hdrs[hdr].raw_len &&
	    at >= m->hdrs[hdr].name && at <= m->hdrs[hdr].name + m->hdrs[hdr].raw_len) {
		const struct sm_hdr *h = &m->hdrs[hdr];
		uint32_t line, col;
		sm_position(h->name, (size_t)(at - h->name), (size_t)(at - h->name), &line, &col);
		d->line = h->line + line - 1;
		d->column = col;
		return;
	}
	/* Resume from the last position when this one is at or after it. */
	size_t from = 0, start = 0;
	uint32_t line = 1;
	if (m->pos_line && d->offset >= m->pos_offset) {
		from = m->pos_offset;
		start = m->pos_line_start;
		line = m->pos_line;
	}
	for (const char *p = m->base + from, *end = m->base + d->offset; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		line++;
		p = nl + 1;
		start = (size_t)(p - m->base);
	}
	d->line = line;
	d->column = (uint32_t)(d->offset - start + 1);
	m->pos_offset = d->offset;
	m->pos_line_start = start;
	m->pos_line = line;
}

sipmsg_diag *sm_diag_push(sipmsg_arena *a, sipmsg_diag **v, uint32_t *n, uint32_t *cap)
{
	if (*n == *cap) {
		if (*cap > UINT32_MAX / 4)
			return NULL;
		uint32_t ncap = *cap ? *cap * 2 : 8;
		sipmsg_diag *nd = sm_realloc_last(a, *v, *cap * sizeof *nd, ncap * sizeof *nd);
		if (!nd)
			return NULL;
		*v = nd;
		*cap = ncap;
	}
	return &(*v)[(*n)++];
}

sipmsg_status sm_diag_add(sipmsg_msg *m, sipmsg_diag_code code, sipmsg_severity sev, const char *at,
			  size_t hdr, const char *message)
{
	sipmsg_diag *d = sm_diag_push(m->arena, &m->diags, &m->ndiags, &m->diag_cap);
	if (!d)
		return SIPMSG_ENOMEM;
	d->code = code;
	d->severity = sev;
	d->header_index = hdr;
	d->header.ptr = NULL;
	d->header.len = 0;
	if (hdr != SM_NOPOS && hdr < m->nhdrs) {
		d->header.ptr = m->hdrs[hdr].name;
		d->header.len = m->hdrs[hdr].name_len;
	}
	if (at && sm_in_input(m, at)) {
		diag_position(m, at, hdr, d);
	} else {
		d->offset = SM_NOPOS;
		d->line = 0;
		d->column = 0;
	}
	d->message = message ? message : sm_diag_default_message(code);
	return SIPMSG_OK;
}

sipmsg_status sm_diag_addf(sipmsg_msg *m, sipmsg_diag_code code, sipmsg_severity sev, const char *at,
			   size_t hdr, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	char *msg = sm_memdup(m->arena, buf, (size_t)n);
	if (!msg)
		return SIPMSG_ENOMEM;
	return sm_diag_add(m, code, sev, at, hdr, msg);
}

size_t sipmsg_msg_diag_count(const sipmsg_msg *m) { return m ? m->ndiags : 0; }

const sipmsg_diag *sipmsg_msg_diag_at(const sipmsg_msg *m, size_t i)
{
	return (m && i < m->ndiags) ? &m->diags[i] : NULL;
}

size_t sipmsg_msg_error_count(const sipmsg_msg *m)
{
	size_t n = 0;
	for (uint32_t i = 0; m && i < m->ndiags; i++)
		n += m->diags[i].severity == SIPMSG_SEVERITY_ERROR;
	return n;
}
