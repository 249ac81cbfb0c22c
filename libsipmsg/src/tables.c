/* SPDX-License-Identifier: MIT */
/* The method table and the IANA "SIP Parameters / Response Codes" registry. */
#include "internal.h"

static const struct {
	const char *name;
	uint8_t len;
} method_rows[SIPMSG_METHOD_COUNT_] = {
	[SIPMSG_METHOD_OTHER] = {NULL, 0},
#define METHOD_ROW(id, name, rfc) [SIPMSG_METHOD_##id] = {name, sizeof(name) - 1},
	SIPMSG_METHOD_TABLE(METHOD_ROW)
#undef METHOD_ROW
};

/* a[0..len) == b[0..len) for len 3..9, in two overlapping loads of each */
static bool same_3_to_9(const char *a, const char *b, size_t len)
{
	uint32_t x, y, u, v;
	if (len >= 8) {
		uint64_t xx, yy, uu, vv;
		memcpy(&xx, a, 8), memcpy(&yy, b, 8), memcpy(&uu, a + len - 8, 8), memcpy(&vv, b + len - 8, 8);
		return xx == yy && uu == vv;
	}
	if (len >= 4) {
		memcpy(&x, a, 4), memcpy(&y, b, 4), memcpy(&u, a + len - 4, 4), memcpy(&v, b + len - 4, 4);
		return x == y && u == v;
	}
	uint16_t xs, ys;
	memcpy(&xs, a, 2), memcpy(&ys, b, 2);
	return xs == ys && a[2] == b[2];
}

sipmsg_method sipmsg_method_lookup(const char *name, size_t len)
{
	if (!name || len < 3 || len > 9)
		return SIPMSG_METHOD_OTHER;
	for (int i = 1; i < SIPMSG_METHOD_COUNT_; i++)
		if (method_rows[i].len == len && method_rows[i].name[0] == name[0] &&
		    same_3_to_9(method_rows[i].name, name, len))
			return (sipmsg_method)i;
	return SIPMSG_METHOD_OTHER;
}

const char *sipmsg_method_name(sipmsg_method m)
{
	return (m > 0 && m < SIPMSG_METHOD_COUNT_) ? method_rows[m].name : NULL;
}

/* Sorted by code: every registered code with its phrase as the registry spells it. */
static const struct {
	uint16_t code;
	const char *phrase;
} reason_rows[] = {
	{100, "Trying"},
	{180, "Ringing"},
	{181, "Call Is Being Forwarded"},
	{182, "Queued"},
	{183, "Session Progress"},
	{199, "Early Dialog Terminated"},
	{200, "OK"},
	{202, "Accepted"},
	{204, "No Notification"},
	{300, "Multiple Choices"},
	{301, "Moved Permanently"},
	{302, "Moved Temporarily"},
	{305, "Use Proxy"},
	{380, "Alternative Service"},
	{400, "Bad Request"},
	{401, "Unauthorized"},
	{402, "Payment Required"},
	{403, "Forbidden"},
	{404, "Not Found"},
	{405, "Method Not Allowed"},
	{406, "Not Acceptable"},
	{407, "Proxy Authentication Required"},
	{408, "Request Timeout"},
	{410, "Gone"},
	{412, "Conditional Request Failed"},
	{413, "Request Entity Too Large"},
	{414, "Request-URI Too Long"},
	{415, "Unsupported Media Type"},
	{416, "Unsupported URI Scheme"},
	{417, "Unknown Resource-Priority"},
	{420, "Bad Extension"},
	{421, "Extension Required"},
	{422, "Session Interval Too Small"},
	{423, "Interval Too Brief"},
	{424, "Bad Location Information"},
	{425, "Bad Alert Message"},
	{428, "Use Identity Header"},
	{429, "Provide Referrer Identity"},
	{430, "Flow Failed"},
	{433, "Anonymity Disallowed"},
	{436, "Bad Identity Info"},
	{437, "Unsupported Credential"},
	{438, "Invalid Identity Header"},
	{439, "First Hop Lacks Outbound Support"},
	{440, "Max-Breadth Exceeded"},
	{469, "Bad Info Package"},
	{470, "Consent Needed"},
	{480, "Temporarily Unavailable"},
	{481, "Call/Transaction Does Not Exist"},
	{482, "Loop Detected"},
	{483, "Too Many Hops"},
	{484, "Address Incomplete"},
	{485, "Ambiguous"},
	{486, "Busy Here"},
	{487, "Request Terminated"},
	{488, "Not Acceptable Here"},
	{489, "Bad Event"},
	{491, "Request Pending"},
	{493, "Undecipherable"},
	{494, "Security Agreement Required"},
	{500, "Server Internal Error"},
	{501, "Not Implemented"},
	{502, "Bad Gateway"},
	{503, "Service Unavailable"},
	{504, "Server Time-out"},
	{505, "Version Not Supported"},
	{513, "Message Too Large"},
	{555, "Push Notification Service Not Supported"},
	{580, "Precondition Failure"},
	{600, "Busy Everywhere"},
	{603, "Decline"},
	{604, "Does Not Exist Anywhere"},
	{606, "Not Acceptable"},
	{607, "Unwanted"},
	{608, "Rejected"},
};

const char *sipmsg_reason_phrase(int code)
{
	size_t lo = 0, hi = sizeof reason_rows / sizeof reason_rows[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (reason_rows[mid].code == code)
			return reason_rows[mid].phrase;
		if (reason_rows[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *sipmsg_reason_phrase_or_class(int code)
{
	const char *p = sipmsg_reason_phrase(code);
	if (p)
		return p;
	switch (code / 100) {
	case 1: return "Provisional";
	case 2: return "Success";
	case 3: return "Redirection";
	case 4: return "Client Error";
	case 5: return "Server Error";
	case 6: return "Global Failure";
	}
	return "Unknown";
}
