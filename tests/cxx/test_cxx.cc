// SPDX-License-Identifier: MIT
// The public headers compile as C++ and the API links from C++.
#include <sipmsg/sipmsg.h>

#include <cstdio>
#include <cstring>

int main()
{
	const char text[] = "OPTIONS sip:x SIP/2.0\r\nl: 0\r\n\r\n";
	sipmsg_msg *m = nullptr;
	sipmsg_error err;
	if (sipmsg_parse(text, std::strlen(text), nullptr, &m, &err) != SIPMSG_OK)
		return 1;
	bool ok = sipmsg_msg_method_id(m) == SIPMSG_METHOD_OPTIONS && sipmsg_header_count(m) == 1 &&
		  sipmsg_hdr_lookup("l", 1) == SIPMSG_HDR_CONTENT_LENGTH;
	sipmsg_msg_free(m);
	std::printf("%s\n", ok ? "ok" : "mismatch");
	return ok ? 0 : 1;
}
