-- SPDX-License-Identifier: MIT
-- Messages the tests build on (no corpus needed).
local M = {}

M.body = table.concat({
  "v=0",
  "o=alice 2890844526 2890844527 IN IP4 192.0.2.1",
  "s=-",
  "c=IN IP4 192.0.2.1",
  "t=0 0",
  "m=audio 49170 RTP/AVP 0 96",
  "a=rtpmap:96 opus/48000/2",
  "a=fmtp:96 useinbandfec=1",
  "",
}, "\r\n")

M.invite = table.concat({
  "INVITE sip:bob@biloxi.example.com;transport=tcp SIP/2.0",
  "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport, SIP/2.0/TCP [2001:db8::1];branch=z9hG4bKx",
  "Max-Forwards: 70",
  'f: "Alice \\"A\\"" <sip:alice@atlanta.example.com>;tag=1928301774',
  "t: Bob <sip:bob@biloxi.example.com>",
  "i: a84b4c76e66710@pc33.atlanta.example.com",
  "CSeq: 314159 INVITE",
  'm: <sip:alice@192.0.2.1>;expires=60, "Desk" <sip:alice@192.0.2.2>;q=0.5',
  "Allow: INVITE, ACK, BYE",
  "c: application/sdp",
  "l: " .. #M.body,
  "",
  M.body,
}, "\r\n")

return M
