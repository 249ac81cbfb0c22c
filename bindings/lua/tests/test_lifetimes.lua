-- SPDX-License-Identifier: MIT
-- Lifetimes: objects collected in any order never crash (what a view points
-- into is counted in C); a closed object raises, never touches freed memory.
local sipmsg = require "sipmsg"
local T = require "testlib"
local messages = require "messages"

local tests = {}

-- Every order of n items (Heap's algorithm).
local function permutations(n)
  local out, a = {}, {}
  for i = 1, n do
    a[i] = i
  end
  local function gen(k)
    if k == 1 then
      out[#out + 1] = table.move(a, 1, n, 1, {})
      return
    end
    for i = 1, k do
      gen(k - 1)
      local j = k % 2 == 0 and i or 1
      a[j], a[k] = a[k], a[j]
    end
  end
  gen(n)
  return out
end

-- A message and four things that point into it, at several depths.
local function family()
  local m = sipmsg.parse(messages.invite)
  local sdp = m:sdp()
  local section = sdp:media()[1]
  return { m, sdp, section, section:codecs()[2], m:from():uri() }
end

function tests.collected_in_every_order()
  local orders = permutations(5)
  T.eq(#orders, 120)
  for _, order in ipairs(orders) do
    local objs = family()
    for _, i in ipairs(order) do
      objs[i] = nil
      collectgarbage("collect")
    end
  end
end

function tests.survivors_keep_working_in_every_order()
  -- drop all but one, collect, then use the survivor
  local uses = {
    function(o) return o:call_id() == "a84b4c76e66710@pc33.atlanta.example.com" end,
    function(o) return o:media()[1]:port() == 49170 end,
    function(o) return o:port() == 49170 end,
    function(o) return o:name() == "opus" end,
    function(o) return o:user() == "alice" end,
  }
  for keep = 1, 5 do
    for _, order in ipairs(permutations(4)) do
      local objs = family()
      local survivor = objs[keep]
      objs[keep] = nil
      local others = {}
      for i = 1, 5 do
        if i ~= keep then
          others[#others + 1] = i
        end
      end
      for _, k in ipairs(order) do
        objs[others[k]] = nil
        collectgarbage("collect")
      end
      assert(uses[keep](survivor), "survivor " .. keep .. " works")
      survivor = nil
      collectgarbage("collect")
    end
  end
end

function tests.use_after_close_raises()
  local m = sipmsg.parse(messages.invite)
  local sdp = m:sdp()
  local via = m:via_at(0)
  m:close()
  assert(m:is_closed())
  m:close() -- twice is fine
  T.eq(T.raises(m.call_id, m).kind, "closed")
  T.eq(T.raises(m.to_bytes, m).kind, "closed")
  T.eq(T.raises(m.header_add, m, "X", "y").kind, "closed")
  T.eq(T.raises(m.headers, m).kind, "closed")
  T.eq(tostring(m), "Message (closed)")
  local other = sipmsg.parse(messages.invite)
  T.eq(T.raises(other.make_ack, other, m).kind, "closed", "a closed argument")
  -- the views outlive their message
  T.eq(via:branch(), "z9hG4bK776asdhds")
  T.eq(sdp:media()[1]:port(), 49170)
  via:close()
  T.eq(T.raises(via.branch, via).kind, "closed")
  sdp:close()
  T.eq(T.raises(sdp.media_count, sdp).kind, "closed")
  collectgarbage("collect") -- __gc of closed objects does nothing
end

function tests.to_be_closed_variables()
  local escaped
  do
    local m <close> = sipmsg.parse(messages.invite)
    escaped = m
    T.eq(m:cseq_number(), 314159)
  end
  assert(escaped:is_closed())
  T.eq(T.raises(escaped.cseq_number, escaped).kind, "closed")
  -- also when the scope is left by an error
  local kept
  local ok = pcall(function()
    local m <close> = sipmsg.parse(messages.invite)
    kept = m
    error("leaving")
  end)
  assert(not ok and kept:is_closed())
end

function tests.many_messages_collected()
  for _ = 1, 2000 do
    local m = sipmsg.parse(messages.invite)
    local _ = m:vias()[2]:branch()
  end
  collectgarbage("collect")
  collectgarbage("collect")
end

function tests.values_walk_a_snapshot()
  local m = sipmsg.parse(table.concat({
    "INVITE sip:bob@b SIP/2.0",
    "v: SIP/2.0/UDP a;branch=z9hG4bKA, SIP/2.0/UDP a2;branch=z9hG4bKA2",
    "Via: SIP/2.0/UDP b;branch=z9hG4bKB",
    "Max-Forwards: 70",
    "", "",
  }, "\r\n"))
  local it = m:values("Via")
  T.eq(it(), "SIP/2.0/UDP a;branch=z9hG4bKA")
  for _ = 1, 3 do
    m:header_remove(0)
  end
  -- the lines are gone, the walk goes on over what they held when it began
  T.eq(it(), "SIP/2.0/UDP a2;branch=z9hG4bKA2")
  T.eq(it(), "SIP/2.0/UDP b;branch=z9hG4bKB")
  T.eq(it(), nil)
  T.eq(m:values("Via")(), nil)
  -- a loop that adds what it walks ends
  m:header_add("Via", "SIP/2.0/UDP c;branch=z9hG4bKC")
  local n = 0
  for _ in m:values("Via") do
    n = n + 1
    assert(n < 10, "the walk does not end")
    m:header_add("Via", "SIP/2.0/UDP d;branch=z9hG4bKD" .. n)
  end
  T.eq(n, 1)
end

function tests.every_class_can_be_closed()
  for name in pairs(debug.getregistry().SWIG) do
    if name:sub(1, 1) ~= "." then
      local _, fn = sipmsg.capi._class(name)
      assert(fn.close and fn.is_closed, name .. " has no close()")
    end
  end
  local sdp = sipmsg.parse_sdp("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
    .. "a=source-filter: incl IN IP4 232.3.4.5 192.0.2.10\r\n")
  local sec = sdp:session()
  local f = sec:source_filter_at(sec:attr_find_name("source-filter", 0))
  T.eq(f:source_at(0), "192.0.2.10")
  f:close()
  T.eq(f:is_closed(), true)
  T.eq(T.raises(f.source_at, f, 0).kind, "closed")
end

T.run(tests)
