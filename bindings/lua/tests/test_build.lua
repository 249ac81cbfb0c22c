-- SPDX-License-Identifier: MIT
-- Building from objects: an INVITE with an SDP offer, the RFC 3261 builders, edits.
local sipmsg = require "sipmsg"
local T = require "testlib"

local function offer()
  local sdp = sipmsg.new_sdp()
  sdp:set_origin("alice", "2890844526", "1", nil, nil, "198.51.100.1")
  sdp:set_session_name("call")
  sdp:session():set_connection(nil, nil, "198.51.100.1", -1, 0)
  local audio = sdp:add_media(sipmsg.media_spec("audio", 49170, "RTP/AVP", { 0, 8, 101 }))
  audio:attr_add("rtpmap", "0 PCMU/8000")
  audio:attr_add("rtpmap", "8 PCMA/8000")
  audio:attr_add("rtpmap", "101 telephone-event/8000")
  audio:attr_add("fmtp", "101 0-16")
  audio:attr_add("sendrecv")
  return sdp
end

local function invite()
  local req = sipmsg.request("INVITE", "sip:bob@example.com")
  req:header_add("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds")
  req:header_add("Max-Forwards", "70")
  req:set_from("Alice", "sip:alice@example.com", "1928301774")
  req:set_to(nil, "sip:bob@example.com", nil)
  req:set_call_id("a84b4c76e66710@192.0.2.1")
  req:set_cseq(314159, nil)
  req:add_contact(nil, "sip:alice@192.0.2.1")
  req:set_sdp(offer())
  return req
end

local tests = {}

function tests.invite_with_sdp_from_objects()
  local req <close> = invite()
  local wire = req:to_bytes()
  assert(wire:find("^INVITE sip:bob@example.com SIP/2.0\r\n"), wire)
  assert(wire:find('\r\nFrom: "Alice" <sip:alice@example.com>;tag=1928301774\r\n', 1, true), wire)
  assert(wire:find("\r\nCSeq: 314159 INVITE\r\n", 1, true), wire)
  assert(wire:find("\r\nContent-Type: application/sdp\r\n", 1, true), wire)
  assert(wire:find("\r\nm=audio 49170 RTP/AVP 0 8 101\r\n", 1, true), wire)

  local back <close> = sipmsg.parse(wire)
  T.eq(back:to_bytes(), wire, "round trip")
  T.eq(back:call_id(), "a84b4c76e66710@192.0.2.1")
  T.eq(back:cseq_number(), 314159)
  T.eq(back:from():tag(), "1928301774")
  T.eq(back:vias()[1]:branch(), "z9hG4bK776asdhds")
  T.eq(back:header("Content-Length"), tostring(#back:body()))
  local audio = back:sdp():media()[1]
  T.eq(audio:port(), 49170)
  T.eq(table.concat(audio:formats(), " "), "0 8 101")
  T.eq(audio:codecs()[3]:name(), "telephone-event")
  T.eq(audio:attribute("fmtp"), "101 0-16")
  T.eq(audio:attribute("sendrecv"), "")
  T.eq(back:error_count(), 0)
end

function tests.responses_ack_cancel()
  local req = invite()
  local ringing = req:make_response(180, nil, "a6c85cf")
  T.eq(ringing:status(), 180)
  T.eq(ringing:reason(), "Ringing")
  T.eq(ringing:to():tag(), "a6c85cf")
  T.eq(ringing:call_id(), req:call_id())
  T.eq(ringing:vias()[1]:branch(), "z9hG4bK776asdhds")
  local busy = req:make_response(486)
  local ack = req:make_ack(busy)
  T.eq(ack:method(), "ACK")
  T.eq(ack:cseq_method(), "ACK")
  T.eq(ack:cseq_number(), 314159)
  T.eq(ack:to():tag(), busy:to():tag())
  local cancel = req:make_cancel()
  T.eq(cancel:method(), "CANCEL")
  T.eq(cancel:vias()[1]:branch(), req:vias()[1]:branch())
end

function tests.edits()
  local resp = sipmsg.response(200)
  T.eq(resp:reason(), "OK")
  resp:header_set("Subject", "hi")
  resp:header_add("X-Tag", "1")
  resp:header_add("X-Tag", "2")
  T.eq(table.concat(resp:headers_named("x-tag"), ","), "1,2")
  T.eq(resp:header_remove_all("X-Tag"), 2)
  T.eq(resp:header("X-Tag"), nil)
  resp:set_number(sipmsg.SIPMSG_HDR_MAX_FORWARDS, 69)
  T.eq(resp:number(sipmsg.SIPMSG_HDR_MAX_FORWARDS), 69)
  resp:set_body("hello", "text/plain")
  T.eq(resp:header("Content-Length"), "5")
  T.eq(resp:body(), "hello")
  resp:set_status(404)
  assert(tostring(resp):find("^SIP/2.0 404 Not Found\r\n"), tostring(resp))
  assert(resp:to_bytes({ compact = true }):find("\r\nl: 5\r\n", 1, true))
  local tag = sipmsg.generate_tag()
  T.eq(#tag, 16, "tag length")
  assert(sipmsg.generate_branch():find("^z9hG4bK"))
end

T.run(tests)
