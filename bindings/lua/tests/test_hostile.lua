-- SPDX-License-Identifier: MIT
-- Plain Lua code that hands the C module something that is not one of its
-- objects (a table given a class's metatable, another library's userdata, a
-- light userdata) gets a Lua error, never a dead interpreter. Each case runs
-- in a child interpreter, so that a crash fails that case, not the suite.
local T = require "testlib"

local lua = arg[-1]
local setup = [[
local sipmsg = require "sipmsg"
local capi = sipmsg.capi
local m = sipmsg.parse("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n")
local via = m:vias()[1]
local light = debug.upvalueid(sipmsg.parse, 1)
]]

-- Run body in a child; it must print "ok" and exit with 0.
local function child(body)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(setup, body, '\nprint("ok")\n')
  f:close()
  local p = assert(io.popen(string.format("%q %q 2>&1", lua, path)))
  local out = p:read("a")
  local ok, how, code = p:close()
  os.remove(path)
  if not ok or not out:find("ok\n$") then
    error(string.format("the child died (%s %s): %s", tostring(how), tostring(code), out), 2)
  end
end

-- f() must raise a Lua error (any value).
local function raises(expr)
  child("assert(not pcall(function() return " .. expr .. " end), 'no error from: ' .. " .. string.format("%q", expr) .. ")")
end

local tests = {}

function tests.metatables_are_hidden()
  child([[assert(getmetatable(m) == "sipmsg.Message", tostring(getmetatable(m)))
assert(getmetatable(via) == "sipmsg.Via")
assert(not pcall(setmetatable, {}, getmetatable(m)))]])
end

function tests.a_table_with_a_class_metatable()
  -- the red team's reproducer: the SWIG assert (or a NULL dereference)
  raises("setmetatable({}, debug.getmetatable(m)):method()")
  raises("setmetatable({}, capi._class('Message')):method()")
  raises("setmetatable({}, getmetatable(capi.Message)['.instance']):method()")
  raises("setmetatable({}, debug.getmetatable(via)).branch")
  raises("tostring(setmetatable({}, debug.getmetatable(via)))")
  raises("tostring(setmetatable({}, debug.getmetatable(m)))")
  raises("rawequal(setmetatable({}, debug.getmetatable(via)), 1) or setmetatable({}, debug.getmetatable(via)) == setmetatable({}, debug.getmetatable(via))")
  child("local fake = setmetatable({}, debug.getmetatable(m)); assert(not pcall(function() fake.x = 1 end))")
  -- its __gc runs on the table when collected
  child("setmetatable({}, debug.getmetatable(m)); setmetatable({}, debug.getmetatable(via)); collectgarbage(); collectgarbage()")
end

function tests.a_method_called_on_something_else()
  raises("m.method(nil)")
  raises("m.method({})")
  raises("m.method(via)")
  raises("m.method(io.stdout)")
  raises("m.method(light)")
  raises("m.method(42)")
  raises("via.branch(m)")
  raises("m.close(io.stdout)")
  raises("m.close(light)")
  raises("m.is_closed(io.stdout)")
  raises("m.close({})")
  raises("m:via_at(io.stdout)")
  raises("m:via_at(light)")
  raises("m:make_ack(io.stdout)")
  raises("m:make_ack(light)")
  raises("capi.ValueIter(io.stdout, 'Via')")
  raises("capi.write(light, 0)")
  -- and io.stdout is not one, so it was not written to
  child("pcall(m.close, io.stdout); io.stdout:write('')")
end

function tests.swig_globals()
  child([[assert(swig_type(io.stdout) == "userdata")
assert(swig_type(light) == "userdata")
assert(swig_type(m):find("sipmsg_binding_msg", 1, true))
assert(swig_equals(io.stdout, io.stdout) == false)
assert(swig_equals(m, m) == true)]])
end

T.run(tests)
