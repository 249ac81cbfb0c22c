-- SPDX-License-Identifier: MIT
-- A few lines of test runner: run(tests) calls each function of the table
-- (in name order), prints "ok"/"FAIL" per test and exits non-zero when one
-- failed; skip(reason) exits with 77, meson's "skipped".
local T = {}

local function describe(err)
  if type(err) == "table" then
    return tostring(err.message or err.reason or err) .. " (a " .. tostring(err.kind) .. " error)"
  end
  return tostring(err)
end

function T.run(tests)
  local names = {}
  for name in pairs(tests) do
    names[#names + 1] = name
  end
  table.sort(names)
  local failed = 0
  for _, name in ipairs(names) do
    local ok, err = xpcall(tests[name], function(e)
      return describe(e) .. "\n" .. debug.traceback("", 2)
    end)
    if ok then
      print("ok   " .. name)
    else
      failed = failed + 1
      print("FAIL " .. name .. ": " .. err)
    end
  end
  print(string.format("%d passed, %d failed", #names - failed, failed))
  os.exit(failed == 0 and 0 or 1, true) -- closing the state runs every __gc
end

function T.skip(reason)
  print("skipped: " .. reason)
  os.exit(77)
end

-- The error value a call raises (asserting that it raises one).
function T.raises(f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error")
  return err
end

function T.eq(actual, expected, what)
  if actual ~= expected then
    error(string.format("%s: expected %q, got %q", what or "value", tostring(expected), tostring(actual)), 2)
  end
end

function T.read(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local data = f:read("a")
  f:close()
  return data
end

return T
