/* SPDX-License-Identifier: MIT */
/* Eight threads parse, edit, write, clone, build and frame different
 * messages at the same time, each checking its own results. The library has
 * no global mutable state, so this must be clean under ThreadSanitizer
 * (meson setup -Db_sanitize=thread with clang; see docs/security.md).
 * Threads record failures; main() checks the records after joining.
 *
 * A plain program rather than a Criterion suite: Criterion's runner maps its
 * shared arena at addresses ThreadSanitizer reserves, so a Criterion test
 * cannot start under TSan at all. */
#include <pthread.h>
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define ROUNDS 300

struct job {
	int id;
	char msg[1024];
	size_t len;
	size_t headers;   /* header lines in msg */
	char call_id[64];
	unsigned failures;
	char first_failure[320];
	unsigned long checks;
};

#define EXPECT(j, cond, ...)                                                                              \
	do {                                                                                              \
		(j)->checks++;                                                                            \
		if (!(cond) && (j)->failures++ == 0)                                                      \
			snprintf((j)->first_failure, sizeof (j)->first_failure, __VA_ARGS__);             \
	} while (0)

static void make_message(struct job *j)
{
	static const char *const methods[] = {"INVITE", "REGISTER", "OPTIONS", "MESSAGE"};
	snprintf(j->call_id, sizeof j->call_id, "thread-%d-%08x@example.org", j->id, 0x9e3779b9u * (unsigned)(j->id + 1));
	int n = snprintf(j->msg, sizeof j->msg,
			 "%s sip:user%d@example.org SIP/2.0\r\n"
			 "Via: SIP/2.0/UDP 192.0.2.%d:5060;branch=z9hG4bK%d, SIP/2.0/TCP proxy%d.example.org\r\n"
			 "Max-Forwards: 70\r\n"
			 "From: <sip:a%d@example.org>;tag=%d\r\n"
			 "To: <sip:user%d@example.org>\r\n"
			 "Call-ID: %s\r\n"
			 "CSeq: %d %s\r\n",
			 methods[j->id % 4], j->id, j->id + 1, j->id, j->id, j->id, j->id * 7, j->id, j->call_id,
			 j->id + 1, methods[j->id % 4]);
	j->headers = 6;
	for (int i = 0; i < j->id; i++) { /* a different number of headers per thread */
		n += snprintf(j->msg + n, sizeof j->msg - (size_t)n, "X-Extra-%d: value %d\r\n", i, i * j->id);
		j->headers++;
	}
	n += snprintf(j->msg + n, sizeof j->msg - (size_t)n, "Content-Length: %d\r\n\r\n%.*s", j->id, j->id,
		      "0123456789");
	j->headers++;
	j->len = (size_t)n;
}

static void one_round(struct job *j, sipmsg_arena *arena, int round)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	if (round & 1)
		o.arena = arena; /* reused between rounds */
	if (round & 2)
		o.flags |= SIPMSG_PARSE_COPY;
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	sipmsg_status st = sipmsg_parse(j->msg, j->len, &o, &m, &err);
	EXPECT(j, st == SIPMSG_OK, "thread %d round %d: parse: %s", j->id, round, err.reason);
	if (st != SIPMSG_OK)
		return;
	EXPECT(j, sipmsg_header_count(m) == j->headers, "thread %d: %zu headers", j->id, sipmsg_header_count(m));
	long i = sipmsg_header_find(m, SIPMSG_HDR_CALL_ID, 0);
	sipmsg_header h;
	EXPECT(j, i >= 0 && sipmsg_header_at(m, (size_t)i, &h) == SIPMSG_OK && h.value.len == strlen(j->call_id) &&
			  memcmp(h.value.ptr, j->call_id, h.value.len) == 0,
	       "thread %d: Call-ID", j->id);
	sipmsg_value_iter it;
	sipmsg_slice v;
	size_t vias = 0;
	sipmsg_values_begin_id(&it, m, SIPMSG_HDR_VIA);
	while (sipmsg_values_next(&it, &v))
		vias++;
	EXPECT(j, vias == 2, "thread %d: %zu Via values", j->id, vias);
	EXPECT(j, sipmsg_msg_body(m).len == (size_t)j->id, "thread %d: body", j->id);

	/* untouched: byte-exact */
	char *out = NULL;
	size_t len = 0;
	EXPECT(j, sipmsg_write_alloc(m, 0, &out, &len) == SIPMSG_OK && len == j->len && memcmp(out, j->msg, len) == 0,
	       "thread %d: untouched write", j->id);
	sipmsg_free(out);

	/* edit and write, then parse the result */
	char tag[32];
	int tl = snprintf(tag, sizeof tag, "t%d-r%d", j->id, round);
	EXPECT(j, sipmsg_header_add(m, "X-Thread", 8, tag, (size_t)tl) == SIPMSG_OK, "thread %d: add", j->id);
	EXPECT(j, sipmsg_header_set(m, "Max-Forwards", 12, "69", 2) == SIPMSG_OK, "thread %d: set", j->id);
	EXPECT(j, sipmsg_msg_set_body(m, tag, (size_t)tl, "text/plain") == SIPMSG_OK, "thread %d: body", j->id);
	EXPECT(j, sipmsg_write_alloc(m, round & 4 ? SIPMSG_WRITE_COMPACT : 0, &out, &len) == SIPMSG_OK,
	       "thread %d: write", j->id);
	sipmsg_msg *r = NULL;
	st = sipmsg_parse(out, len, NULL, &r, &err);
	EXPECT(j, st == SIPMSG_OK, "thread %d: edited message does not parse: %s", j->id, err.reason);
	if (st == SIPMSG_OK) {
		EXPECT(j, sipmsg_header_count(r) == j->headers + 2, "thread %d: %zu headers after edit", j->id,
		       sipmsg_header_count(r));
		sipmsg_slice b = sipmsg_msg_body(r);
		EXPECT(j, b.len == (size_t)tl && memcmp(b.ptr, tag, b.len) == 0, "thread %d: edited body", j->id);
		long x = sipmsg_header_find_name(r, "X-Thread", 8, 0);
		EXPECT(j, x >= 0 && sipmsg_header_at(r, (size_t)x, &h) == SIPMSG_OK && h.value.len == (size_t)tl &&
				  memcmp(h.value.ptr, tag, h.value.len) == 0,
		       "thread %d: X-Thread", j->id);
		sipmsg_msg *c = NULL;
		EXPECT(j, sipmsg_msg_clone(r, &c) == SIPMSG_OK && sipmsg_write_size(c, 0) == len, "thread %d: clone",
		       j->id);
		sipmsg_msg_free(c);
	}
	sipmsg_msg_free(r);
	sipmsg_free(out);
	sipmsg_msg_free(m);
	if (round & 1)
		sipmsg_arena_reset(arena);

	/* build a response from scratch */
	sipmsg_msg *resp = NULL;
	EXPECT(j, sipmsg_response_new(200 + j->id, NULL, 0, NULL, &resp) == SIPMSG_OK, "thread %d: response", j->id);
	if (resp) {
		EXPECT(j, sipmsg_header_add(resp, "Call-ID", 7, j->call_id, strlen(j->call_id)) == SIPMSG_OK,
		       "thread %d: response header", j->id);
		EXPECT(j, sipmsg_write_alloc(resp, 0, &out, &len) == SIPMSG_OK && sipmsg_parse(out, len, NULL, &r, NULL) == SIPMSG_OK &&
				  sipmsg_msg_status(r) == 200 + j->id,
		       "thread %d: built response", j->id);
		sipmsg_msg_free(r);
		sipmsg_free(out);
		sipmsg_msg_free(resp);
	}

	/* frame a stream of two copies cut in the middle */
	char stream[2100];
	memcpy(stream, j->msg, j->len);
	memcpy(stream + j->len, j->msg, j->len);
	sipmsg_framer f;
	sipmsg_framer_init(&f, 0);
	size_t skip, flen, start = 0, found = 0;
	size_t arrived[2] = {j->len / 2 + (size_t)round % 7, 2 * j->len};
	for (int k = 0; k < 2; k++) {
		size_t have = arrived[k];
		while ((st = sipmsg_framer_next(&f, stream + start, have - start, &skip, &flen, NULL)) == SIPMSG_OK) {
			EXPECT(j, flen == j->len, "thread %d: framed %zu bytes", j->id, flen);
			start += skip + flen;
			found++;
		}
		EXPECT(j, st == SIPMSG_EAGAIN, "thread %d: framer %s", j->id, sipmsg_status_name(st));
	}
	EXPECT(j, found == 2, "thread %d: %zu messages framed", j->id, found);
}

static void *worker(void *arg)
{
	struct job *j = arg;
	sipmsg_arena *arena = sipmsg_arena_new(NULL, 256);
	EXPECT(j, arena != NULL, "thread %d: arena", j->id);
	if (!arena)
		return NULL;
	for (int round = 0; round < ROUNDS; round++)
		one_round(j, arena, round);
	sipmsg_arena_free(arena);
	return NULL;
}

int main(void)
{
	static struct job jobs[THREADS];
	pthread_t tid[THREADS];
	for (int i = 0; i < THREADS; i++) {
		memset(&jobs[i], 0, sizeof jobs[i]);
		jobs[i].id = i;
		make_message(&jobs[i]);
	}
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&tid[i], NULL, worker, &jobs[i]) != 0) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
	for (int i = 0; i < THREADS; i++)
		pthread_join(tid[i], NULL);
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		if (jobs[i].failures) {
			fprintf(stderr, "thread %d: %u failures; first: %s\n", i, jobs[i].failures, jobs[i].first_failure);
			bad = 1;
		}
		if (jobs[i].checks < (unsigned long)ROUNDS * 20) {
			fprintf(stderr, "thread %d made only %lu checks\n", i, jobs[i].checks);
			bad = 1;
		}
	}
	if (!bad)
		printf("%d threads x %d rounds: parse, edit, write, clone, build, frame: all checks passed\n", THREADS,
		       ROUNDS);
	return bad;
}
