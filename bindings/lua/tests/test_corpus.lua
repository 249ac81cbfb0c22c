-- SPDX-License-Identifier: MIT
-- The messages of ../shared/corpus/bench, read in place: each parses, writes
-- back byte for byte, and has the typed fields of bindings/tests/bench-fields.tsv.
local sipmsg = require "sipmsg"
local T = require "testlib"

local bench = (os.getenv("SIPMSG_CORPUS") or "../shared/corpus") .. "/bench"
local fields = assert(os.getenv("SIPMSG_BENCH_FIELDS"), "SIPMSG_BENCH_FIELDS is not set")
if not T.read(bench .. "/a_invite.sip") then
  T.skip("the bench corpus is not at " .. bench)
end

local tests = {}
for line in io.lines(fields) do
  if line ~= "" and line:sub(1, 1) ~= "#" then
    local f = {}
    for field in line:gmatch("[^\t]+") do
      f[#f + 1] = field
    end
    local file, call_id, cseq, method, from_tag, branch, port, codecs = table.unpack(f)
    tests[file] = function()
      local data = assert(T.read(bench .. "/" .. file), "cannot read " .. file)
      local msg <close> = sipmsg.parse(data)
      T.eq(msg:to_bytes(), data, "written back")
      T.eq(tostring(msg), data, "tostring")
      assert(not msg:is_modified())
      T.eq(msg:call_id(), call_id, "Call-ID")
      T.eq(msg:cseq_number(), tonumber(cseq), "CSeq number")
      assert(math.type(msg:cseq_number()) == "integer")
      T.eq(msg:cseq_method(), method, "CSeq method")
      T.eq(msg:from():tag(), from_tag, "From tag")
      T.eq(msg:vias()[1]:branch(), branch, "Via branch")
      local sdp = msg:sdp()
      if port == "-" then
        assert(sdp == nil, "no SDP")
        return
      end
      local audio = sdp:media()[1]
      T.eq(audio:media(), "audio", "media")
      T.eq(audio:port(), tonumber(port), "port")
      local got = {}
      for _, c in ipairs(audio:codecs()) do
        got[#got + 1] = string.format("%d:%s/%d%s", c:payload_type(), c:name(), c:clock_rate(),
          c:channels() > 1 and "/" .. c:channels() or "")
      end
      T.eq(table.concat(got, ","), codecs, "codecs")
      T.eq(#audio:formats(), #got, "formats")
    end
  end
end
T.run(tests)
