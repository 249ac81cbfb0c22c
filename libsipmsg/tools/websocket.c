/* SPDX-License-Identifier: MIT */
/* A frame is read in two steps: its header (2 to 14 bytes, kept in hdr until
 * complete, as a segment may cut it anywhere), then its payload, which is
 * unmasked straight from the caller's bytes into the message buffer, or
 * counted down when it is not kept (control frames, messages too large or
 * compressed). So nothing but the message itself is ever copied, and what is
 * skipped costs no memory whatever length its header announces. */
#include "websocket.h"

#include "sipdetect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OP_CONTINUATION 0x0u
#define OP_TEXT 0x1u
#define OP_BINARY 0x2u
#define OP_CLOSE 0x8u
#define OP_PING 0x9u
#define OP_PONG 0xau

enum ws_start ws_detect_start(const uint8_t *data, size_t len)
{
	static const char get[] = "GET ", http[] = "HTTP/";
	size_t n = len < 4 ? len : 4;
	if (memcmp(data, get, n) == 0)
		return len < 4 ? WS_START_MAYBE : WS_START_REQUEST;
	n = len < 5 ? len : 5;
	if (memcmp(data, http, n) == 0)
		return len < 5 ? WS_START_MAYBE : WS_START_RESPONSE;
	return WS_START_NO;
}

static const struct ws_deflate_params no_deflate = {.client_max_bits = 15, .server_max_bits = 15};

void ws_init(struct ws_stream *s, enum ws_role role, size_t max_bytes, sipstream_emit_fn emit, void *ctx)
{
	memset(s, 0, sizeof *s);
	s->ext = no_deflate;
	s->role = role;
	s->state = WS_ST_HANDSHAKE;
	s->max_bytes = max_bytes;
	s->emit = emit;
	s->ctx = ctx;
}

void ws_release(struct ws_stream *s)
{
	free(s->buf);
	s->buf = NULL;
	s->len = s->cap = 0;
	ws_inflate_free(s->inflater);
	s->inflater = NULL;
	free(s->inflated.buf);
	s->inflated = (struct ws_inflate_out){NULL, 0, 0};
}

static void notice(struct ws_stream *s, const char *kind, const char *text)
{
	struct sipstream_event ev = {.kind = SIPSTREAM_NOTICE, .notice_kind = kind, .text = text};
	s->emit(s->ctx, &ev);
}

/* Stop reading this direction: what follows cannot be framed. */
static void give_up(struct ws_stream *s, const char *why)
{
	char text[200];
	snprintf(text, sizeof text, "WebSocket %s: %s; the rest of this direction is not read",
		 s->role == WS_CLIENT ? "client" : "server", why);
	notice(s, "ws-malformed", text);
	ws_release(s);
	s->state = WS_ST_DONE;
}

/* Room for len + more bytes in buf, never past max_bytes. */
static bool reserve(struct ws_stream *s, size_t more)
{
	if (more > s->max_bytes || s->len > s->max_bytes - more)
		return false;
	if (s->len + more <= s->cap)
		return true;
	size_t cap = s->cap ? s->cap : 1024;
	while (cap < s->len + more)
		cap = cap > SIZE_MAX / 2 ? s->len + more : cap * 2;
	if (cap > s->max_bytes)
		cap = s->max_bytes;
	uint8_t *b = realloc(s->buf, cap);
	if (!b)
		return false;
	s->buf = b;
	s->cap = cap;
	return true;
}

/* --- the HTTP upgrade ------------------------------------------------- */

static bool is_ows(uint8_t c) { return c == ' ' || c == '\t'; }

static bool ieq(const uint8_t *a, size_t n, const char *b)
{
	if (strlen(b) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		uint8_t x = a[i], y = (uint8_t)b[i];
		if (x >= 'A' && x <= 'Z')
			x = (uint8_t)(x - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

/* Is `token` (lower case) one of the comma-separated elements of v[0..n)? */
static bool list_has(const uint8_t *v, size_t n, const char *token)
{
	size_t i = 0;
	while (i < n) {
		size_t start = i;
		while (i < n && v[i] != ',')
			i++;
		size_t a = start, b = i;
		while (a < b && is_ows(v[a]))
			a++;
		while (b > a && is_ows(v[b - 1]))
			b--;
		if (ieq(v + a, b - a, token))
			return true;
		i++;
	}
	return false;
}

/* The head h[0..n) (up to its blank line). A request asks for the upgrade
 * when Upgrade lists "websocket" and Sec-WebSocket-Protocol lists "sip"; a
 * response accepts it with status 101. */
static bool head_says_yes(const uint8_t *h, size_t n, enum ws_role role)
{
	const uint8_t *lf = memchr(h, '\n', n);
	size_t line_end = lf ? (size_t)(lf - h) : n;
	if (role == WS_SERVER) /* "HTTP/1.1 101 Switching Protocols" */
		return line_end >= 12 && memcmp(h, "HTTP/1.", 7) == 0 && h[8] == ' ' && memcmp(h + 9, "101", 3) == 0 &&
		       (line_end == 12 || h[12] == ' ' || h[12] == '\r');
	bool upgrade = false, sip = false;
	size_t i = line_end + 1;
	while (i < n) {
		const uint8_t *e = memchr(h + i, '\n', n - i);
		size_t end = e ? (size_t)(e - h) : n;
		size_t stop = end > i && h[end - 1] == '\r' ? end - 1 : end;
		const uint8_t *colon = memchr(h + i, ':', stop - i);
		if (colon) {
			size_t name_len = (size_t)(colon - (h + i)), v = (size_t)(colon - h) + 1;
			if (ieq(h + i, name_len, "upgrade"))
				upgrade = upgrade || list_has(h + v, stop - v, "websocket");
			else if (ieq(h + i, name_len, "sec-websocket-protocol"))
				sip = sip || list_has(h + v, stop - v, "sip");
		}
		i = end + 1;
	}
	return upgrade && sip;
}

/* The value of a max_window_bits parameter v[0..n) (quotes allowed, RFC
 * 7692 §7.1): 8 to 15, else 15 (an answer with another value is not one a
 * client accepts; the largest window inflates anything smaller). */
static int window_bits(const uint8_t *v, size_t n)
{
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"')
		v++, n -= 2;
	if (n == 1 && v[0] >= '8' && v[0] <= '9')
		return v[0] - '0';
	if (n == 2 && v[0] == '1' && v[1] >= '0' && v[1] <= '5')
		return 10 + v[1] - '0';
	return 15;
}

static void trim(const uint8_t *v, size_t *a, size_t *b)
{
	while (*a < *b && is_ows(v[*a]))
		(*a)++;
	while (*b > *a && is_ows(v[*b - 1]))
		(*b)--;
}

/* One element of Sec-WebSocket-Extensions, v[0..n): when it is the first
 * permessage-deflate, its parameters into ext. */
static void deflate_element(const uint8_t *v, size_t n, struct ws_deflate_params *ext)
{
	size_t i = 0;
	bool first = true;
	while (i <= n) {
		size_t start = i;
		while (i < n && v[i] != ';')
			i++;
		size_t a = start, b = i++;
		trim(v, &a, &b);
		if (first) {
			if (ext->agreed || !ieq(v + a, b - a, "permessage-deflate"))
				return;
			ext->agreed = true;
			first = false;
			continue;
		}
		const uint8_t *eq = memchr(v + a, '=', b - a);
		size_t na = a, nb = eq ? (size_t)(eq - v) : b, va = eq ? nb + 1 : b, vb = b;
		trim(v, &na, &nb);
		trim(v, &va, &vb);
		if (ieq(v + na, nb - na, "client_no_context_takeover"))
			ext->client_no_takeover = true;
		else if (ieq(v + na, nb - na, "server_no_context_takeover"))
			ext->server_no_takeover = true;
		else if (ieq(v + na, nb - na, "client_max_window_bits") && va < vb)
			ext->client_max_bits = window_bits(v + va, vb - va);
		else if (ieq(v + na, nb - na, "server_max_window_bits"))
			ext->server_max_bits = window_bits(v + va, vb - va);
	}
}

/* The permessage-deflate parameters a 101 answer's head h[0..n) agreed on
 * (every Sec-WebSocket-Extensions line, elements split at commas outside
 * quotes). */
static void read_extensions(const uint8_t *h, size_t n, struct ws_deflate_params *ext)
{
	const uint8_t *lf = memchr(h, '\n', n);
	size_t i = lf ? (size_t)(lf - h) + 1 : n;
	while (i < n) {
		const uint8_t *e = memchr(h + i, '\n', n - i);
		size_t end = e ? (size_t)(e - h) : n;
		size_t stop = end > i && h[end - 1] == '\r' ? end - 1 : end;
		const uint8_t *colon = memchr(h + i, ':', stop - i);
		if (colon && ieq(h + i, (size_t)(colon - (h + i)), "sec-websocket-extensions")) {
			size_t v = (size_t)(colon - h) + 1, from = v;
			bool quoted = false;
			for (size_t k = v; k <= stop; k++) {
				if (k < stop && h[k] == '"')
					quoted = !quoted;
				if (k == stop || (h[k] == ',' && !quoted)) {
					deflate_element(h + from, k - from, ext);
					from = k + 1;
				}
			}
		}
		i = end + 1;
	}
}

static void frames(struct ws_stream *s, const uint8_t *p, size_t n);

/* Take the held bytes out of buf (which frames() fills with the message)
 * and read them as frames. */
static void frames_from_held(struct ws_stream *s, size_t from)
{
	uint8_t *held = s->buf;
	size_t n = s->len;
	s->buf = NULL;
	s->len = s->cap = 0;
	frames(s, held + from, n - from);
	free(held);
}

static void handshake(struct ws_stream *s, const uint8_t *data, size_t len)
{
	size_t limit = s->max_bytes < WS_MAX_HTTP_HEAD ? s->max_bytes : WS_MAX_HTTP_HEAD;
	size_t before = s->len;
	size_t take = len < limit - s->len ? len : limit - s->len;
	if (!reserve(s, take)) {
		ws_release(s);
		s->state = WS_ST_DONE;
		return;
	}
	memcpy(s->buf + s->len, data, take);
	s->len += take;
	/* the blank line that ends the head; it may straddle the previous bytes */
	size_t from = before > 3 ? before - 3 : 0, end = 0;
	for (size_t i = from; i < s->len && !end; i++) {
		if (s->buf[i] != '\n')
			continue;
		if (i + 1 < s->len && s->buf[i + 1] == '\n')
			end = i + 2;
		else if (i + 2 < s->len && s->buf[i + 1] == '\r' && s->buf[i + 2] == '\n')
			end = i + 3;
	}
	if (!end) {
		if (s->len >= limit) { /* not an upgrade this tool can read */
			ws_release(s);
			s->state = WS_ST_DONE;
		}
		return;
	}
	/* Bytes of this call that did not fit stay out of the head: they come
	 * after it, so they are read as what follows. */
	const uint8_t *rest = data + take;
	size_t rest_len = len - take;
	if (!head_says_yes(s->buf, end, s->role)) {
		s->answer = WS_ANSWER_REFUSED;
		ws_release(s);
		s->state = WS_ST_DONE;
		return;
	}
	if (s->role == WS_CLIENT) {
		memmove(s->buf, s->buf + end, s->len - end);
		s->len -= end;
		s->state = WS_ST_AWAIT_ANSWER;
		if (rest_len)
			ws_feed(s, rest, rest_len);
		return;
	}
	s->answer = WS_ANSWER_ACCEPTED;
	read_extensions(s->buf, end, &s->ext);
	s->state = WS_ST_FRAMES;
	frames_from_held(s, end);
	if (rest_len)
		ws_feed(s, rest, rest_len);
}

/* --- frames ----------------------------------------------------------- */

/* This direction's sender's permessage-deflate parameters. */
static bool no_takeover(const struct ws_stream *s)
{
	return s->role == WS_CLIENT ? s->ext.client_no_takeover : s->ext.server_no_takeover;
}

/* A whole compressed message in buf: inflated into s->inflated. Returns
 * false, having said why, when it is not to be read. */
static bool inflate_message(struct ws_stream *s)
{
	char text[300];
	const char *why = "";
	int bits = s->role == WS_CLIENT ? s->ext.client_max_bits : s->ext.server_max_bits;
	enum ws_inflate_rc rc = ws_inflate_message(&s->inflater, bits, s->buf, s->len, &s->inflated, s->max_bytes, &why);
	if (rc == WS_INFLATE_OK) {
		if (no_takeover(s))
			ws_inflate_reset(s->inflater);
		return true;
	}
	if (rc == WS_INFLATE_TOO_LARGE) {
		snprintf(text, sizeof text,
			 "a compressed WebSocket message of %zu bytes inflates to more than the flow buffer limit of %zu bytes; not checked",
			 s->len, s->max_bytes);
		notice(s, "ws-message-limit", text);
	} else if (rc == WS_INFLATE_ERROR) {
		snprintf(text, sizeof text,
			 "a compressed WebSocket message of %zu bytes does not inflate (%s); not checked, and the %s's inflate context starts again",
			 s->len, why, s->role == WS_CLIENT ? "client" : "server");
		notice(s, "ws-inflate-error", text);
	} else {
		snprintf(text, sizeof text, "out of memory inflating a compressed WebSocket message of %zu bytes; not checked",
			 s->len);
		notice(s, "ws-message-limit", text);
	}
	return false;
}

static void message_done(struct ws_stream *s)
{
	char text[240];
	bool deflated = s->rsv == 4 && s->skip != WS_SKIP_COMPRESSED;
	if (s->skip == WS_SKIP_TOO_LARGE) {
		snprintf(text, sizeof text,
			 "a WebSocket message of %llu bytes is larger than the flow buffer limit of %zu bytes; not checked",
			 (unsigned long long)s->msg_total, s->max_bytes);
		notice(s, "ws-message-limit", text);
	} else if (s->skip == WS_SKIP_COMPRESSED && s->rsv == 4) {
		snprintf(text, sizeof text,
			 "compressed WebSocket message not inflated (built without zlib): %llu bytes, not checked",
			 (unsigned long long)s->msg_total);
		notice(s, "ws-compressed", text);
	} else if (s->skip == WS_SKIP_COMPRESSED) {
		snprintf(text, sizeof text,
			 "a WebSocket message of %llu bytes with the RSV2 or RSV3 bit of an extension that is not read; not checked",
			 (unsigned long long)s->msg_total);
		notice(s, "ws-compressed", text);
	} else if (s->skip == WS_SKIP_NONE && (!deflated || inflate_message(s))) {
		const uint8_t *m = deflated ? s->inflated.buf : s->buf;
		size_t len = deflated ? s->inflated.len : s->len;
		size_t i = 0;
		while (i < len && (m[i] == '\r' || m[i] == '\n'))
			i++;
		if (i == len) {
			/* empty, or a CRLF keep-alive */
		} else if (sip_detect_start_line(m + i, len - i, true) == SIP_NO) {
			size_t show = 0;
			while (i + show < len && show < 40 && m[i + show] >= 0x20 && m[i + show] < 0x7f)
				show++;
			snprintf(text, sizeof text, "a WebSocket message of %zu bytes%s is not a SIP message (\"%.*s\")",
				 len, deflated ? " (inflated)" : "", (int)show, (const char *)m + i);
			notice(s, "ws-not-sip", text);
		} else {
			struct sipstream_event ev = {.kind = SIPSTREAM_MESSAGE, .data = m, .len = len};
			s->emit(s->ctx, &ev);
		}
	}
	/* WS_SKIP_LOST: the TCP gap that lost it was reported. A compressed
	 * message not inflated leaves the context behind the sender's: started
	 * again, a later message that refers to it fails to inflate instead of
	 * inflating wrong. */
	if (deflated && s->skip != WS_SKIP_NONE)
		ws_inflate_reset(s->inflater);
	s->in_message = false;
	s->skip = WS_SKIP_NONE;
	s->rsv = 0;
	s->msg_total = 0;
	s->len = 0;
	s->inflated.len = 0;
}

/* The header in hdr is complete: check it and prepare for the payload. */
static void frame_start(struct ws_stream *s)
{
	const uint8_t *h = s->hdr;
	s->fin = h[0] & 0x80u;
	unsigned rsv = (h[0] >> 4) & 7u;
	s->opcode = h[0] & 0x0fu;
	s->masked = h[1] & 0x80u;
	uint64_t len = h[1] & 0x7fu;
	size_t at = 2;
	if (len == 126) {
		len = (uint64_t)h[2] << 8 | h[3];
		at = 4;
	} else if (len == 127) {
		len = 0;
		for (size_t i = 0; i < 8; i++)
			len = len << 8 | h[2 + i];
		at = 10;
		if (len >> 63) {
			give_up(s, "a frame length with its most significant bit set");
			return;
		}
	}
	if (s->masked)
		memcpy(s->mask, h + at, 4);
	s->payload_left = len;
	s->payload_pos = 0;
	s->in_payload = true;
	if (s->opcode >= OP_CLOSE) {
		if (s->opcode != OP_CLOSE && s->opcode != OP_PING && s->opcode != OP_PONG) {
			give_up(s, "a reserved control opcode");
		} else if (!s->fin || len > 125) {
			give_up(s, "a fragmented or over-long control frame");
		}
		return;
	}
	if (s->opcode == OP_CONTINUATION) {
		if (!s->in_message)
			give_up(s, "a continuation frame with no message to continue");
	} else if (s->opcode == OP_TEXT || s->opcode == OP_BINARY) {
		if (s->in_message) {
			give_up(s, "a new message before the previous one was finished");
			return;
		}
		s->in_message = true;
		s->rsv = (uint8_t)rsv; /* RSV1: permessage-deflate, inflated when this build can */
		s->skip = rsv && (rsv != 4 || !ws_inflate_available()) ? WS_SKIP_COMPRESSED : WS_SKIP_NONE;
		s->msg_total = 0;
		s->len = 0;
	} else {
		give_up(s, "a reserved data opcode");
		return;
	}
	if (s->state != WS_ST_FRAMES)
		return;
	s->msg_total += len;
	if (s->skip == WS_SKIP_NONE && !reserve(s, len < (uint64_t)SIZE_MAX ? (size_t)len : SIZE_MAX)) {
		s->skip = WS_SKIP_TOO_LARGE; /* said once the message ends, with its size */
		s->len = 0;
	}
}

static void frame_end(struct ws_stream *s)
{
	s->in_payload = false;
	s->hdr_len = 0;
	if (s->opcode == OP_CLOSE) { /* nothing follows a close frame */
		ws_finish(s);
		ws_release(s);
		s->state = WS_ST_DONE;
		return;
	}
	if (s->opcode < OP_CLOSE && s->fin)
		message_done(s);
}

/* Payload bytes of the current frame. */
static void payload(struct ws_stream *s, const uint8_t *p, size_t n)
{
	/* An empty frame gets here with n == 0, and may be the first: buf is
	 * then still NULL, and NULL + 0 is undefined behaviour. */
	if (n && s->opcode < OP_CLOSE && s->skip == WS_SKIP_NONE) {
		uint8_t *out = s->buf + s->len; /* reserved by frame_start */
		if (s->masked)
			for (size_t i = 0; i < n; i++)
				out[i] = p[i] ^ s->mask[(s->payload_pos + i) & 3u];
		else
			memcpy(out, p, n);
		s->len += n;
	}
	s->payload_pos += n;
	s->payload_left -= n;
}

/* Header length once its first two bytes are known. */
static size_t header_length(const uint8_t *h)
{
	unsigned len7 = h[1] & 0x7fu;
	return 2u + (len7 == 126 ? 2u : len7 == 127 ? 8u : 0u) + (h[1] & 0x80u ? 4u : 0u);
}

static void frames(struct ws_stream *s, const uint8_t *p, size_t n)
{
	size_t i = 0;
	while (s->state == WS_ST_FRAMES) {
		if (s->in_payload) {
			size_t take = (uint64_t)(n - i) < s->payload_left ? n - i : (size_t)s->payload_left;
			payload(s, p + i, take);
			i += take;
			if (s->payload_left)
				return; /* more in the next bytes */
			frame_end(s);
			continue;
		}
		if (i == n)
			return;
		size_t need = s->hdr_len < 2 ? 2 : header_length(s->hdr);
		while (s->hdr_len < need && i < n) {
			s->hdr[s->hdr_len++] = p[i++];
			if (s->hdr_len == 2)
				need = header_length(s->hdr);
		}
		if (s->hdr_len < need)
			return;
		frame_start(s);
	}
}

void ws_feed(struct ws_stream *s, const uint8_t *data, size_t len)
{
	if (!len)
		return;
	switch (s->state) {
	case WS_ST_HANDSHAKE:
		handshake(s, data, len);
		break;
	case WS_ST_AWAIT_ANSWER:
		if (!reserve(s, len)) {
			char text[200];
			snprintf(text, sizeof text,
				 "a WebSocket client sent more than %zu bytes before the server's answer; not read",
				 s->max_bytes);
			notice(s, "ws-message-limit", text);
			ws_release(s);
			s->state = WS_ST_DONE;
			return;
		}
		memcpy(s->buf + s->len, data, len);
		s->len += len;
		break;
	case WS_ST_FRAMES:
		frames(s, data, len);
		break;
	case WS_ST_DONE:
		break;
	}
}

void ws_answered(struct ws_stream *s, bool accepted, const struct ws_deflate_params *ext)
{
	if (s->state != WS_ST_AWAIT_ANSWER)
		return;
	s->ext = *ext;
	if (!accepted) {
		ws_release(s);
		s->state = WS_ST_DONE;
		return;
	}
	s->state = WS_ST_FRAMES;
	frames_from_held(s, 0);
}

size_t ws_gap(struct ws_stream *s, uint64_t missing)
{
	if (s->state == WS_ST_FRAMES && s->in_payload && missing <= s->payload_left) {
		/* Still inside the frame: its end is known, so framing goes on. */
		size_t dropped = 0;
		if (s->opcode < OP_CLOSE && s->skip == WS_SKIP_NONE) {
			dropped = s->len;
			s->skip = WS_SKIP_LOST;
			s->len = 0;
		}
		s->payload_pos += missing;
		s->payload_left -= missing;
		if (!s->payload_left)
			frame_end(s);
		return dropped;
	}
	size_t dropped = s->state == WS_ST_FRAMES && s->in_message && s->skip == WS_SKIP_NONE ? s->len : 0;
	if (s->state == WS_ST_FRAMES || s->state == WS_ST_AWAIT_ANSWER) {
		char text[200];
		snprintf(text, sizeof text,
			 "WebSocket %s frames cannot be followed across a gap; the rest of this direction is not read",
			 s->role == WS_CLIENT ? "client" : "server");
		notice(s, "ws-lost", text);
	}
	ws_release(s);
	s->state = WS_ST_DONE;
	return dropped;
}

void ws_finish(struct ws_stream *s)
{
	if (s->state == WS_ST_FRAMES && !s->in_message && !s->in_payload && s->hdr_len && (s->hdr[0] & 0x0fu) < OP_CLOSE) {
		char text[160];
		snprintf(text, sizeof text, "the stream ends inside a WebSocket frame header (%zu bytes); not checked",
			 s->hdr_len);
		notice(s, "stream-incomplete", text);
	} else if (s->state == WS_ST_FRAMES && s->in_message) {
		if (s->skip == WS_SKIP_TOO_LARGE || s->skip == WS_SKIP_COMPRESSED) {
			message_done(s);
		} else if (s->skip == WS_SKIP_NONE) {
			char text[200];
			snprintf(text, sizeof text, "the stream ends inside a WebSocket message (%zu bytes); not checked",
				 s->len);
			notice(s, "stream-incomplete", text);
		}
	} else if (s->state == WS_ST_AWAIT_ANSWER && s->len) {
		char text[200];
		snprintf(text, sizeof text,
			 "a WebSocket client sent %zu bytes the server never answered the upgrade for; not read", s->len);
		notice(s, "stream-incomplete", text);
	}
	s->in_message = false;
	s->skip = WS_SKIP_NONE;
	s->len = 0;
}
