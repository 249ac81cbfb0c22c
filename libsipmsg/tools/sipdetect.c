/* SPDX-License-Identifier: MIT */
/* Start-line recognition. Deliberately looser than the parser (it must accept
 * the malformed messages the checker is there to report) but strict enough
 * that a Via value such as "SIP/2.0/UDP" or a body line is not taken for the
 * start of a message when resynchronising a stream. */
#include "sipdetect.h"

#include <sipmsg/sipmsg.h>

#include <stdbool.h>
#include <string.h>

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* RFC 3261 token characters. */
static bool is_token(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c))
		return true;
	return c != 0 && strchr("-.!%*_+`'~", c) != NULL;
}

/* Match "SIP/" digits "." digits at p[i..n). Returns the index after it,
 * 0 when it does not match, or n + 1 when the input ends in a valid prefix
 * (n itself when it ends after at least one minor-version digit). */
static size_t match_version(const unsigned char *p, size_t i, size_t n)
{
	static const char sip[] = "SIP/";
	for (size_t k = 0; k < 4; k++, i++) {
		if (i == n)
			return n + 1;
		bool ok = k < 3 ? (p[i] & 0xdf) == (unsigned char)sip[k] : p[i] == '/';
		if (!ok)
			return 0;
	}
	for (int part = 0; part < 2; part++) {
		size_t start = i;
		while (i < n && is_digit(p[i]))
			i++;
		if (i == start)
			return i == n ? n + 1 : 0;
		if (i == n)
			return part == 0 ? n + 1 : n; /* more digits may follow */
		if (part == 0) {
			if (p[i] != '.')
				return 0;
			i++;
		}
	}
	return i;
}

static enum sip_detect status_line(const unsigned char *p, size_t n)
{
	size_t i = match_version(p, 0, n);
	if (i == 0)
		return SIP_NO;
	if (i >= n)
		return SIP_MAYBE;
	if (p[i] != ' ')
		return SIP_NO;
	for (size_t k = 1; k <= 3; k++) {
		if (i + k == n)
			return SIP_MAYBE;
		if (!is_digit(p[i + k]))
			return SIP_NO;
	}
	return SIP_YES;
}

static enum sip_detect request_line(const unsigned char *p, size_t n, bool complete)
{
	size_t i = 0;
	while (i < n && is_token(p[i]))
		i++;
	if (i == n)
		return n < SIP_DETECT_MAX_LINE && !complete ? SIP_MAYBE : SIP_NO;
	if (i == 0 || p[i] != ' ')
		return SIP_NO;
	const unsigned char *lf = memchr(p + i, '\n', n - i);
	size_t end = lf ? (size_t)(lf - p) : n;
	if (!lf && !complete)
		return n >= SIP_DETECT_MAX_LINE ? SIP_NO : SIP_MAYBE;
	while (end > i && (p[end - 1] == '\r' || p[end - 1] == ' ' || p[end - 1] == '\t'))
		end--;
	/* The version is the last word: find the SP before it. */
	size_t sp = end;
	while (sp > i && p[sp - 1] != ' ')
		sp--;
	if (sp <= i + 1 || sp == end)
		return SIP_NO;
	size_t v = match_version(p, sp, end);
	return v == end ? SIP_YES : SIP_NO;
}

enum sip_detect sip_detect_start_line(const void *data, size_t len, bool complete)
{
	const unsigned char *p = data;
	if (len == 0)
		return complete ? SIP_NO : SIP_MAYBE;
	if ((p[0] & 0xdf) == 'S') {
		enum sip_detect s = status_line(p, len);
		if (s == SIP_YES || (s == SIP_MAYBE && !complete))
			return s;
	}
	return request_line(p, len, complete);
}

bool sip_detect_known_start(const void *data, size_t len)
{
	const unsigned char *p = data;
	if (status_line(p, len) == SIP_YES)
		return true;
	const unsigned char *sp = memchr(p, ' ', len);
	return sp && sipmsg_method_lookup(data, (size_t)(sp - p)) != SIPMSG_METHOD_OTHER;
}

enum sip_detect sip_detect_header_section(const void *data, size_t len, size_t first, size_t *at, size_t limit)
{
	const unsigned char *p = data;
	size_t i = *at;
	while (i < len) {
		if (i - first >= limit)
			return SIP_YES;
		const unsigned char *lf = memchr(p + i, '\n', len - i);
		size_t end = lf ? (size_t)(lf - p) : len;
		size_t e = end > i && p[end - 1] == '\r' ? end - 1 : end;
		if (e == i) { /* the empty line: a header section, unless it is empty */
			if (!lf)
				break; /* nothing, or a CR, so far */
			return i > first ? SIP_YES : SIP_NO;
		}
		if (p[i] == ' ' || p[i] == '\t') {
			if (i == first)
				return SIP_NO; /* folding with nothing to fold onto */
		} else {
			size_t k = i;
			while (k < e && is_token(p[k]))
				k++;
			while (k > i && k < e && (p[k] == ' ' || p[k] == '\t'))
				k++;
			if (k == i || (k < e && p[k] != ':'))
				return SIP_NO;
			if (k == e && lf)
				return SIP_NO; /* a line of one word */
		}
		if (!lf)
			break;
		i = end + 1;
	}
	*at = i;
	return SIP_MAYBE;
}

bool sip_detect_header_name(const void *data, size_t len, int *id, size_t *value_at)
{
	const unsigned char *p = data;
	size_t n = 0;
	while (n < len && is_token(p[n]))
		n++;
	size_t i = n;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (!n || i == len || p[i] != ':')
		return false;
	i++;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	*id = (int)sipmsg_hdr_lookup(data, n);
	*value_at = i;
	return true;
}

bool sip_detect_content_length(const void *data, size_t len, uint64_t *value)
{
	const unsigned char *p = data;
	int id;
	size_t i;
	if (!sip_detect_header_name(data, len, &id, &i) || id != SIPMSG_HDR_CONTENT_LENGTH)
		return false;
	if (i == len || !is_digit(p[i]))
		return false;
	uint64_t v = 0;
	for (; i < len && is_digit(p[i]); i++)
		v = v > (UINT64_MAX - 9) / 10 ? UINT64_MAX : v * 10 + (uint64_t)(p[i] - '0');
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i != len)
		return false;
	*value = v;
	return true;
}
