-- SPDX-License-Identifier: MIT
-- Typed reads: start line, headers (compact names), views, SDP.
local sipmsg = require "sipmsg"
local T = require "testlib"
local messages = require "messages"

local tests = {}

function tests.start_line_and_headers()
  local m = sipmsg.parse(messages.invite)
  assert(m:is_request())
  T.eq(m:method(), "INVITE")
  T.eq(m:method_id(), sipmsg.SIPMSG_METHOD_INVITE)
  T.eq(m:request_uri(), "sip:bob@biloxi.example.com;transport=tcp")
  local headers = m:headers()
  T.eq(#headers, 10, "header count")
  T.eq(headers[1].name, "v")
  T.eq(headers[1].id, sipmsg.SIPMSG_HDR_VIA)
  T.eq(headers[1].line, 2)
  T.eq(m:header("Call-ID"), "a84b4c76e66710@pc33.atlanta.example.com")
  T.eq(m:header("i"), m:header("call-id"))
  T.eq(m:header("Subject"), nil)
  local allow = {}
  for v in m:values("Allow") do
    allow[#allow + 1] = v
  end
  T.eq(table.concat(allow, ","), "INVITE,ACK,BYE")
  T.eq(#m:headers_named("Via"), 1)
  T.eq(m:number(sipmsg.SIPMSG_HDR_MAX_FORWARDS), 70)
  T.eq(sipmsg.header_id("i"), sipmsg.SIPMSG_HDR_CALL_ID)
end

function tests.views()
  local m = sipmsg.parse(messages.invite)
  T.eq(m:call_id(), "a84b4c76e66710@pc33.atlanta.example.com")
  T.eq(m:cseq_number(), 314159)
  T.eq(m:cseq_method(), "INVITE")
  local from = m:from()
  T.eq(from:tag(), "1928301774")
  T.eq(from:display_name(), 'Alice "A"')
  T.eq(from:uri():user(), "alice")
  T.eq(from:uri():host(), "atlanta.example.com")
  T.eq(from:uri():port(), -1)
  T.eq(m:to():tag(), nil)
  local vias = m:vias()
  T.eq(#vias, 2)
  T.eq(vias[1]:transport(), "UDP")
  T.eq(vias[1]:host(), "192.0.2.1")
  T.eq(vias[1]:port(), 5060)
  T.eq(vias[1]:branch(), "z9hG4bK776asdhds")
  assert(vias[1]:has_rport())
  T.eq(vias[1]:rport(), -1)
  assert(vias[2]:host():find("2001:db8::1", 1, true))
  local contacts = m:contacts()
  T.eq(#contacts, 2)
  T.eq(contacts[1]:expires(), 60)
  T.eq(contacts[2]:q(), "0.5")
  T.eq(contacts[2]:display_name(), "Desk")
  local ruri = m:request_uri_parsed()
  T.eq(ruri:transport(), "tcp")
  T.eq(tostring(ruri), "sip:bob@biloxi.example.com;transport=tcp")
  assert(ruri:equals(sipmsg.parse_uri("sip:bob@BILOXI.example.com;transport=tcp")))
  assert(not ruri:equals(sipmsg.parse_uri("sip:carol@biloxi.example.com;transport=tcp")))
end

function tests.sdp()
  local m = sipmsg.parse(messages.invite)
  local sdp = m:sdp()
  assert(sdp:in_message())
  T.eq(sdp:origin():username(), "alice")
  T.eq(sdp:origin():sess_version_value(), 2890844527)
  T.eq(sdp:session_name(), "-")
  T.eq(sdp:session():connection():address(), "192.0.2.1")
  local audio = sdp:media()[1]
  T.eq(audio:media(), "audio")
  T.eq(audio:port(), 49170)
  T.eq(audio:proto(), "RTP/AVP")
  T.eq(table.concat(audio:formats(), " "), "0 96")
  local codecs = audio:codecs()
  T.eq(codecs[1]:name(), "PCMU")
  T.eq(codecs[1]:clock_rate(), 8000)
  T.eq(codecs[2]:name(), "opus")
  T.eq(codecs[2]:clock_rate(), 48000)
  T.eq(codecs[2]:channels(), 2)
  T.eq(codecs[2]:fmtp(), "useinbandfec=1")
  T.eq(#audio:rtpmaps(), 1)
  T.eq(audio:rtpmaps()[1]:payload_type(), 96)
  T.eq(audio:attribute("fmtp"), "96 useinbandfec=1")
  T.eq(audio:direction(), sipmsg.SIPMSG_SDP_DIR_SENDRECV)
  local bare = sipmsg.parse_sdp(messages.body)
  assert(not bare:in_message())
  T.eq(tostring(bare), messages.body)
end

T.run(tests)
