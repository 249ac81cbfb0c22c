-- SPDX-License-Identifier: MIT
-- Errors: a table with the position for a parse error; the other failures.
local sipmsg = require "sipmsg"
local T = require "testlib"

local INVITE = table.concat({
  "INVITE sip:bob@b SIP/2.0",
  "Via: SIP/2.0/UDP a;branch=z9hG4bKA",
  "Max-Forwards: 70",
  "To: <sip:b@b>",
  "From: <sip:a@a>;tag=1",
  "Call-ID: cid",
  "CSeq: 1 INVITE",
  "Content-Length: 0",
  "", "",
}, "\r\n")
local BAD_VIA = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP ;branch=z9hG4bK1\r\n\r\n"

local tests = {}

function tests.parse_error_has_its_position()
  local e = T.raises(sipmsg.parse, BAD_VIA)
  T.eq(type(e), "table")
  T.eq(e.kind, "parse")
  T.eq(e.line, 2)
  T.eq(e.offset - e.column + 1, BAD_VIA:find("Via:", 1, true) - 1, "line start")
  assert(e.offset > BAD_VIA:find("Via:", 1, true) and e.offset < BAD_VIA:find("branch", 1, true))
  T.eq(e.header, "Via")
  T.eq(e.status, "syntax")
  assert(e.reason:find("host"), e.reason)
  assert(tostring(e):find("^line 2, column " .. e.column .. ": "), tostring(e))
  T.eq(tostring(e), e.message)
end

function tests.start_line_error()
  local e = T.raises(sipmsg.parse, "HELLO\r\n\r\n")
  T.eq(e.line, 1)
  T.eq(e.offset, e.column - 1)
  T.eq(e.status, "syntax")
  assert(e.code:find("^bad%-"), e.code)
  T.eq(e.header, nil)
end

function tests.lenient_keeps_a_bad_header_strict_refuses_it()
  local text = table.concat({
    "OPTIONS sip:carol@example.com SIP/2.0",
    "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bKhjhs8ass877",
    "To: <sip:carol@example.com>",
    "From: <sip:alice@example.com>;tag=1928301774",
    "Call-ID: a84b4c76e66710",
    "CSeq: 63104 OPTIONS",
    "Expires: soon",
    "Content-Length: 0",
    "", "",
  }, "\r\n")
  local m = sipmsg.parse(text)
  T.eq(m:error_count(), 0, "Expires is parsed on demand")
  T.eq(m:parse_all(), 1)
  local d = m:diagnostics()[1]
  T.eq(d.header, "Expires")
  T.eq(d.line, 7)
  T.eq(d.severity, "error")
  T.eq(m:number(sipmsg.SIPMSG_HDR_EXPIRES), -2)
  local e = T.raises(sipmsg.parse, text, { strict = true })
  T.eq(e.line, 7)
  T.eq(e.header, "Expires")
end

function tests.sdp_and_uri_errors()
  local sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio x RTP/AVP 0\r\n"
  local e = T.raises(sipmsg.parse_sdp, sdp, { strict = true })
  T.eq(e.kind, "parse")
  T.eq(e.line, 6)
  T.eq(e.offset, sdp:find(" x ", 1, true))
  local lenient = sipmsg.parse_sdp(sdp)
  T.eq(lenient:media()[1]:port(), -1)
  lenient:check()
  T.eq(lenient:diag_count(), 1)
  T.eq(lenient:diag_at(0).line, 6)
  local u = T.raises(sipmsg.parse_uri, "sip:alice@")
  T.eq(u.column, 11)
end

function tests.other_failures()
  local e = T.raises(sipmsg.response, 1000)
  T.eq(e.kind, "error")
  T.eq(e.status, "invalid-argument")
  local req = sipmsg.request("OPTIONS", "sip:carol@example.com")
  T.eq(T.raises(req.make_cancel, req).kind, "error")
  T.eq(T.raises(req.header_add, req, "Bad Name", "x").status, "invalid-argument")
  T.eq(T.raises(req.header_add, req, "X", "a\r\nInjected: 1").status, "invalid-argument")
  T.eq(T.raises(req.header_at, req, 5).status, "not-found")
  T.eq(T.raises(req.set_status, req, 200).kind, "error")
  T.eq(T.raises(req.set_call_id, req, "a\0b").reason, "embedded NUL character")
  T.eq(T.raises(req.make_ack, req, nil).kind, "closed")
  -- a wrong argument type is SWIG's string error
  T.eq(type(T.raises(req.header_add, req, 1, "x")), "string")
  T.eq(type(T.raises(sipmsg.parse, {})), "string")
  T.eq(type(T.raises(req.via_at, req, "x")), "string")
  -- a number that does not fit the C parameter is an invalid argument
  T.eq(T.raises(req.via_at, req, -1).status, "invalid-argument")
  T.eq(T.raises(req.via_at, req, 1.5).status, "invalid-argument")
  T.eq(sipmsg.frame("OPTIONS sip:x SIP/2.0\r\nContent-Length: 10\r\n\r\n"), nil)
  local length, skip = sipmsg.frame("\r\nOPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n")
  T.eq(length, 44)
  T.eq(skip, 2)
end

function tests.status_errors_name_the_call_and_the_index()
  local req = sipmsg.request("OPTIONS", "sip:carol@example.com")
  local e = T.raises(req.header_add, req, "Bad Name", "x")
  T.eq(e.status, "invalid-argument")
  assert(e.reason:find("^Message_header_add: invalid argument"), e.reason)
  req:header_add("X-A", "1") -- before the built message's Content-Length: 0
  e = T.raises(req.header_replace, req, math.maxinteger, "x")
  T.eq(e.status, "invalid-argument")
  T.eq(e.reason, "Message_header_replace: argument 2 (index) is 9223372036854775807, out of range: "
    .. "the message has 2 header line(s)")
  e = T.raises(req.header_remove, req, 2)
  T.eq(e.status, "not-found")
  assert(e.reason:find("(index) is 2, out of range", 1, true), e.reason)
  e = T.raises(req.header_insert, req, 3, "X-B", "2")
  T.eq(e.status, "invalid-argument")
  assert(e.reason:find("(index) is 3, out of range", 1, true), e.reason)
  req:header_insert(1, "X-B", "2")
  req:header_replace(1, "3")
  req:header_remove(0)
  T.eq(req:header_count(), 2)
  T.eq(req:header("X-B"), "3")
end

function tests.wrong_types_name_the_lua_argument()
  local req = sipmsg.request("OPTIONS", "sip:carol@example.com")
  -- the C argument numbers count the lengths of (pointer, length) pairs
  local e = T.raises(req.header_add, req, "X-A", 5)
  assert(e:find("(arg 3), expected 'string' got 'number'", 1, true), e)
  e = T.raises(req.set_body, req, "x", 5)
  assert(e:find("(arg 3), expected 'string or nil' got 'number'", 1, true), e)
  e = T.raises(req.set_status, req, 200, 5)
  assert(e:find("(arg 3), expected 'string or nil' got 'number'", 1, true), e)
  local sec = sipmsg.new_sdp():session()
  e = T.raises(sec.line_add, sec, {}, "x")
  assert(e:find("(arg 2), expected", 1, true), e)
end

-- The error of f(...): an invalid argument whose reason names the argument
-- and its range.
local function out_of_range(what, range, f, ...)
  local e = T.raises(f, ...)
  T.eq(type(e), "table", what)
  T.eq(e.kind, "error", what)
  T.eq(e.status, "invalid-argument", what)
  assert(e.reason:find(what, 1, true), e.reason)
  assert(e.reason:find("must be an integer in " .. range, 1, true), e.reason)
  return e
end

function tests.integers_must_fit_their_c_parameter()
  local m = sipmsg.parse(INVITE)
  local before = tostring(m)
  -- each of these once wrapped to a valid C int (2^32 + 200 was a 200)
  out_of_range("(code)", "-2147483648..2147483647", sipmsg.response, (1 << 32) + 200)
  out_of_range("(code)", "-2147483648..2147483647", m.make_response, m, -(1 << 32) + 486)
  out_of_range("(id)", "-2147483648..2147483647", m.set_number, m, (1 << 32) + sipmsg.SIPMSG_HDR_MAX_FORWARDS, 10)
  out_of_range("(id)", "-2147483648..2147483647", sipmsg.header_name, (1 << 32) + 1)
  out_of_range("(code)", "-2147483648..2147483647", m.make_response, m, 200.5)
  out_of_range("(code)", "-2147483648..2147483647", m.make_response, m, 2.0 ^ 40)
  local r = sipmsg.response(200)
  out_of_range("(code)", "-2147483648..2147483647", r.set_status, r, (1 << 32) + 180)
  T.eq(r:status(), 200)
  -- and those with a narrower range than their C type say so
  local e = out_of_range("(code)", "100..699", m.make_response, m, 99)
  T.eq(e.reason, "Message_make_response: argument 2 (code) must be an integer in 100..699, got 99")
  out_of_range("(code)", "100..699", sipmsg.response, 1000)
  out_of_range("(code)", "100..699", r.set_status, r, 700)
  out_of_range("(port)", "0..65535", m.push_via, m, "UDP", "h", 70000)
  out_of_range("(port)", "0..65535", m.push_via, m, "UDP", "h", (1 << 16) + 5060, "z9hG4bKwrap")
  out_of_range("(port)", "0..65535", m.push_via, m, "UDP", "h", -1)
  out_of_range("(number)", "0..4294967295", m.set_cseq, m, -1)
  out_of_range("(number)", "0..4294967295", m.set_cseq, m, (1 << 32) + 1)
  out_of_range("(value)", "0..4294967295", m.set_number, m, sipmsg.SIPMSG_HDR_EXPIRES, 1 << 32)
  out_of_range("(index)", "0..", m.header_remove, m, -1)
  T.eq(tostring(m), before, "the message is unchanged")
  local sec = sipmsg.new_sdp():session()
  out_of_range("(port)", "0..4294967295", sipmsg.media_spec, "audio", 1 << 32, "RTP/AVP", { 0 })
  e = T.raises(sec.line_add, sec, "bw", "AS:64")
  T.eq(e.status, "invalid-argument")
  assert(e.reason:find("(type) must be a string of one character", 1, true), e.reason)
  -- what fits is passed on as it is
  T.eq(sipmsg.response(699):status(), 699)
  T.eq(m:make_response(486.0):status(), 486)
  m:set_number(sipmsg.SIPMSG_HDR_EXPIRES, 4294967295)
  T.eq(m:number(sipmsg.SIPMSG_HDR_EXPIRES), 4294967295)
end

T.run(tests)
