/* SPDX-License-Identifier: MIT */
/* Status codes, methods, diagnostic names, the header table's invariants. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <string.h>

Test(tables, reason_phrases)
{
	cr_assert_str_eq(sipmsg_reason_phrase(486), "Busy Here");
	cr_assert_str_eq(sipmsg_reason_phrase(100), "Trying");
	cr_assert_str_eq(sipmsg_reason_phrase(200), "OK");
	cr_assert_str_eq(sipmsg_reason_phrase(481), "Call/Transaction Does Not Exist");
	cr_assert_str_eq(sipmsg_reason_phrase(504), "Server Time-out");
	cr_assert_str_eq(sipmsg_reason_phrase(608), "Rejected");
	cr_assert_str_eq(sipmsg_reason_phrase(199), "Early Dialog Terminated");
	cr_assert_null(sipmsg_reason_phrase(499));
	cr_assert_null(sipmsg_reason_phrase(0));
	cr_assert_str_eq(sipmsg_reason_phrase_or_class(499), "Client Error");
	cr_assert_str_eq(sipmsg_reason_phrase_or_class(299), "Success");
	cr_assert_str_eq(sipmsg_reason_phrase_or_class(486), "Busy Here");
	/* every registered code is in its class range and the lookup is exact */
	int found = 0;
	for (int c = 0; c < 1000; c++) {
		const char *p = sipmsg_reason_phrase(c);
		if (!p)
			continue;
		found++;
		cr_assert(c >= 100 && c <= 699, "%d", c);
		cr_assert_gt(strlen(p), 0);
	}
	cr_assert_geq(found, 70);
}

Test(tables, methods)
{
	cr_assert_eq(sipmsg_method_lookup("INVITE", 6), SIPMSG_METHOD_INVITE);
	cr_assert_eq(sipmsg_method_lookup("BENOTIFY", 8), SIPMSG_METHOD_BENOTIFY);
	cr_assert_eq(sipmsg_method_lookup("INVITEX", 7), SIPMSG_METHOD_OTHER);
	cr_assert_eq(sipmsg_method_lookup("INVIT", 5), SIPMSG_METHOD_OTHER);
	cr_assert_eq(sipmsg_method_lookup("Invite", 6), SIPMSG_METHOD_OTHER);
	cr_assert_null(sipmsg_method_name(SIPMSG_METHOD_OTHER));
	for (sipmsg_method i = 1; i < SIPMSG_METHOD_COUNT_; i++) {
		const char *n = sipmsg_method_name(i);
		cr_assert_eq(sipmsg_method_lookup(n, strlen(n)), i);
	}
}

Test(tables, diagnostic_names_are_unique)
{
	const char *seen[1000] = {0};
	int n = 0;
	for (int c = 1; c < 1000; c++) {
		const char *name = sipmsg_diag_code_name(c);
		if (strcmp(name, "unknown") == 0)
			continue;
		for (int j = 0; j < n; j++)
			cr_assert_str_neq(seen[j], name, "code %d", c);
		seen[n++] = name;
	}
	cr_assert_geq(n, 60);
	cr_assert_str_eq(sipmsg_diag_code_name(SIPMSG_DIAG_BARE_LF), "bare-lf");
	cr_assert_str_eq(sipmsg_severity_name(SIPMSG_SEVERITY_ERROR), "error");
	cr_assert_str_eq(sipmsg_status_name(SIPMSG_ESYNTAX), "syntax");
}

Test(tables, header_table_invariants)
{
	bool letter_used[26] = {false};
	for (sipmsg_hdr_id id = 1; id < SIPMSG_HDR_COUNT_; id++) {
		char c = sipmsg_hdr_compact(id);
		if (!c)
			continue;
		cr_assert(c >= 'a' && c <= 'z');
		cr_assert_not(letter_used[c - 'a'], "compact letter %c used twice", c);
		letter_used[c - 'a'] = true;
		for (sipmsg_hdr_id j = 1; j < id; j++)
			cr_assert(strcasecmp(sipmsg_hdr_name(j), sipmsg_hdr_name(id)) != 0);
	}
	cr_assert_null(sipmsg_hdr_name(SIPMSG_HDR_OTHER));
	cr_assert_null(sipmsg_hdr_name(SIPMSG_HDR_COUNT_));
	cr_assert_str_eq(sipmsg_version(), "0.1.0");
}
