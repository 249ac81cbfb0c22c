/* SPDX-License-Identifier: MIT */
/* Real traffic against an independent reading: every captured message in
 * ../shared/corpus/captures is parsed and its typed fields compared with the
 * Wireshark summary in the .json beside it (method or status, Call-ID, CSeq,
 * From/To user, host and tag, every Via and its branch, Content-Length,
 * Content-Type), field by field. */
#include "typed_test.h"

#include <dirent.h>
#include <stdlib.h>

#include "json.h"

TestSuite(captures, .fini = tt_teardown);

Test(captures, json_reader)
{
	const char *t = "{\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\\"\\\\\\u00e9\\ud83d\\ude00\\n\", \"o\": {}}";
	size_t err;
	struct json *j = json_parse(t, strlen(t), &err);
	cr_assert_not_null(j);
	const struct json *a = json_get(j, "a");
	cr_assert(a && a->type == JSON_ARRAY && a->count == 5);
	cr_assert_str_eq(a->items[1]->text, "-2.5e3");
	cr_assert(a->items[2]->boolean && !a->items[3]->boolean && a->items[4]->type == JSON_NULL);
	cr_assert_str_eq(json_get(j, "s")->text, "x\"\\\xc3\xa9\xf0\x9f\x98\x80\n");
	cr_assert_eq(json_get(j, "o")->count, 0);
	cr_assert_null(json_get(j, "missing"));
	json_free(j);
	cr_assert_null(json_parse("{\"a\":}", 6, &err));
	cr_assert_eq(err, 5);
	cr_assert_null(json_parse("[1,2", 4, &err));
	cr_assert_null(json_parse("\"open", 5, &err));
}

/* The summary's string field (NULL for JSON null or absence). */
static const char *field(const struct json *summary, const char *key)
{
	const struct json *v = json_get(summary, key);
	return v && v->type == JSON_STRING ? v->text : NULL;
}

static int checked_fields;

static void same(const char *file, const char *what, sipmsg_slice got, const char *want)
{
	cr_assert(tt_is(got, want), "%s: %s is \"%.*s\", Wireshark says \"%s\"", file, what, (int)got.len,
		  got.ptr ? got.ptr : "(absent)", want ? want : "(absent)");
	checked_fields++;
}

static void compare(const char *file, const struct json *s)
{
	const char *method = field(s, "method");
	const struct json *status = json_get(s, "status_code");
	if (method) {
		cr_assert(sipmsg_msg_is_request(tt_m), "%s", file);
		same(file, "method", sipmsg_msg_method(tt_m), method);
	} else {
		cr_assert(status && status->type == JSON_NUMBER, "%s: no method nor status", file);
		cr_assert_eq(sipmsg_msg_status(tt_m), atoi(status->text), "%s: status", file);
		checked_fields++;
	}
	same(file, "Call-ID", sipmsg_msg_call_id(tt_m), field(s, "call_id"));
	const sipmsg_cseq *cseq = sipmsg_msg_cseq(tt_m);
	cr_assert_not_null(cseq, "%s: CSeq", file);
	char num[16];
	snprintf(num, sizeof num, "%lu", (unsigned long)cseq->number);
	cr_assert_str_eq(num, field(s, "cseq_seq"), "%s: CSeq number", file);
	same(file, "CSeq method", cseq->method, field(s, "cseq_method"));
	const sipmsg_nameaddr *f = sipmsg_msg_from(tt_m), *t = sipmsg_msg_to(tt_m);
	cr_assert(f && t, "%s: From and To", file);
	same(file, "From user", f->uri.user, field(s, "from_user"));
	same(file, "From host", f->uri.host, field(s, "from_host"));
	same(file, "From tag", f->tag, field(s, "from_tag"));
	same(file, "To user", t->uri.user, field(s, "to_user"));
	same(file, "To host", t->uri.host, field(s, "to_host"));
	same(file, "To tag", t->tag, field(s, "to_tag"));
	/* Wireshark lists each Via line as written, and each value's branch */
	const struct json *vias = json_get(s, "via"), *branches = json_get(s, "via_branch");
	cr_assert(vias && branches, "%s", file);
	cr_assert_eq(sipmsg_header_count_id(tt_m, SIPMSG_HDR_VIA), vias->count, "%s: Via lines", file);
	size_t k = 0;
	for (long i = sipmsg_header_find(tt_m, SIPMSG_HDR_VIA, 0); i >= 0;
	     i = sipmsg_header_find(tt_m, SIPMSG_HDR_VIA, (size_t)i + 1), k++) {
		sipmsg_header h;
		sipmsg_header_at(tt_m, (size_t)i, &h);
		same(file, "Via line", h.value, vias->items[k]->text);
	}
	cr_assert_eq(sipmsg_msg_via_count(tt_m), branches->count, "%s: Via values", file);
	for (k = 0; k < branches->count; k++)
		same(file, "Via branch", sipmsg_msg_via(tt_m, k)->branch, branches->items[k]->text);
	uint32_t cl;
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_CONTENT_LENGTH, &cl), SIPMSG_OK, "%s", file);
	snprintf(num, sizeof num, "%lu", (unsigned long)cl);
	cr_assert_str_eq(num, field(s, "content_length"), "%s: Content-Length", file);
	const sipmsg_mediatype *ct = sipmsg_msg_content_type(tt_m);
	same(file, "Content-Type", ct ? ct->raw : (sipmsg_slice){NULL, 0}, field(s, "content_type"));
	cr_assert_eq(sipmsg_msg_body(tt_m).len, cl, "%s: body", file);
}

static int check_dir(const char *dir)
{
	DIR *d = opendir(dir);
	cr_assert_not_null(d, "%s", dir);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".sip") != 0)
			continue;
		char path[4096];
		int w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		cr_assert(w > 0 && (size_t)w < sizeof path - 2, "path too long");
		size_t len, jlen, err = 0;
		char *data = read_file(path, &len);
		cr_assert_not_null(data, "%s", path);
		size_t pl = strlen(path);
		cr_assert_lt(pl + 2, sizeof path);
		memcpy(path + pl - 4, ".json", 6);
		char *js = read_file(path, &jlen);
		cr_assert_not_null(js, "%s", path);
		struct json *j = json_parse(js, jlen, &err);
		cr_assert_not_null(j, "%s: JSON error at %zu", path, err);
		const struct json *summary = json_get(j, "summary");
		cr_assert_not_null(summary, "%s", path);

		tt_teardown();
		const char *p = guard_copy(&tt_g, data, len);
		sipmsg_parse_opts o;
		sipmsg_parse_opts_init(&o);
		o.flags |= SIPMSG_PARSE_STRICT;
		if (strstr(e->d_name, "-tcp"))
			o.flags |= SIPMSG_PARSE_STREAM;
		cr_assert_eq(sipmsg_parse(p, len, &o, &tt_m, &tt_err), SIPMSG_OK, "%s: %s", e->d_name, tt_err.reason);
		cr_assert_eq(sipmsg_msg_parse_all(tt_m), 0, "%s: every header reads typed", e->d_name);
		compare(e->d_name, summary);
		n++;
		json_free(j);
		free(js);
		free(data);
	}
	closedir(d);
	return n;
}

Test(captures, typed_fields_agree_with_wireshark)
{
	const char *dir = corpus_dir();
	if (!dir)
		cr_skip_test("the shared corpus is absent (SIPMSG_CORPUS)");
	char path[4096];
	int n = 0;
	static const char *const sets[] = {"kamailio-loopback", "sipp-loopback"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/captures/%s", dir, sets[i]);
		n += check_dir(path);
	}
	cr_assert_gt(n, 100, "only %d captured messages found", n);
	cr_log_info("%d captured messages, %d fields agree with Wireshark", n, checked_fields);
}
