-- SPDX-License-Identifier: MIT
--
-- sipmsg: libsipmsg for Lua 5.4.
--
--   local sipmsg = require "sipmsg"
--   local msg = sipmsg.parse(data)          -- raises a table on error
--   print(msg:call_id(), msg:cseq_number(), msg:from():tag(), msg:vias()[1]:branch())
--
-- The objects are the ones SWIG generates from bindings/sipmsg.i (module
-- sipmsg.capi); this file only adds Lua shape to them through their
-- metatables: 1-based lists, iterators, __tostring, close/__close, and a few
-- functions with option tables. Every parse, view, build and write is the C
-- library's. The indexed getters of the C API (via_at, header_at, media_at,
-- ...) keep its 0-based indexes; the lists here are 1-based tables.

local capi = require "sipmsg.capi"

local M = setmetatable({}, { __index = capi })
M.capi = capi

-- Every class: close() and __close (a `local m <close> = ...` frees the
-- object when its scope ends), is_closed().
local CLASSES = {
  "Message", "ValueIter", "Uri", "NameAddr", "Via", "SessionId", "ResourcePriority", "ChargingVector",
  "AccessNetworkInfo", "Multipart", "MimePart", "MultipartBuilder",
  "Sdp", "SdpSection", "SdpOrigin", "SdpConnection", "SdpRtpmap", "SdpCodec", "SdpSourceFilter", "SdpMediaSpec",
}
local meta, methods = {}, {}
for _, name in ipairs(CLASSES) do
  local mt, fn = capi._class(name)
  fn.close = capi._close
  fn.is_closed = capi._is_closed
  mt.__close = capi._close
  meta[name], methods[name] = mt, fn
end

-- A 1-based list of obj:getter(i) for i = 0 .. count - 1.
local function list(obj, count, getter)
  local out = {}
  for i = 0, obj[count](obj) - 1 do
    out[#out + 1] = obj[getter](obj, i)
  end
  return out
end

local function flags_of(opts, names)
  local flags = 0
  for key, constant in pairs(names) do
    if opts and opts[key] then
      flags = flags | constant
    end
  end
  return flags
end

local PARSE_FLAGS = { strict = capi.SIPMSG_PARSE_STRICT, stream = capi.SIPMSG_PARSE_STREAM }
local WRITE_FLAGS = { compact = capi.SIPMSG_WRITE_COMPACT, canonical = capi.SIPMSG_WRITE_CANONICAL }

-- Functions -----------------------------------------------------------------

--- Parse one SIP message. opts: { strict = true } (any invalid header
--- fails), { stream = true }. Raises { kind = "parse", offset, line, column,
--- header, reason, ... } when the bytes are not a message.
function M.parse(data, opts)
  return capi.parse(data, flags_of(opts, PARSE_FLAGS))
end

--- Parse a bare SDP body; opts as for parse.
function M.parse_sdp(data, opts)
  return capi.sdp_parse(data, flags_of(opts, PARSE_FLAGS))
end

--- A new request with no headers: sipmsg.request("INVITE", "sip:bob@example.com").
M.request = capi.request_new

--- A new response; reason nil: the registry's phrase.
function M.response(code, reason)
  return capi.response_new(code, reason)
end

--- A new, empty SDP.
M.new_sdp = capi.sdp_new

--- A URI parsed on its own.
M.parse_uri = capi.uri_parse

--- What a media section is built from: media_spec("audio", 49170, "RTP/AVP", {"0", "8"}).
function M.media_spec(media, port, proto, formats, port_count)
  local spec = capi.SdpMediaSpec(media, port, port_count or 0, proto)
  for _, f in ipairs(formats or {}) do
    spec:add_format(tostring(f))
  end
  return spec
end

--- Frame the next message of a stream buffer: length, skip (keep-alive
--- bytes before it); nil when more bytes are needed.
function M.frame(data, max_message_size)
  local length, skip = capi.frame(data, max_message_size or 0)
  if length == nil then
    return nil
  end
  return length, skip
end

M.version = capi.sipmsg_version
M.reason_phrase = capi.sipmsg_reason_phrase
M.header_id = capi.sipmsg_hdr_lookup
M.header_name = capi.sipmsg_hdr_name

-- Message ---------------------------------------------------------------------

local Message = methods.Message

--- Every header line, in wire order: { name, value, id, flags, offset, line }.
function Message:headers()
  return list(self, "header_count", "header_at")
end

--- The value of the first line called name (compact names too), or nil.
function Message:header(name)
  local i = self:header_find_name(name, 0)
  if i < 0 then
    return nil
  end
  return self:header_at(i).value
end

--- The values of every line called name, one per line.
function Message:headers_named(name)
  local out = {}
  local i = self:header_find_name(name, 0)
  while i >= 0 do
    out[#out + 1] = self:header_at(i).value
    i = self:header_find_name(name, i + 1)
  end
  return out
end

--- An iterator over every value of a header, comma lists split:
--- for v in msg:values("Allow") do ... end
--- It walks the values as they were when values() was called: edits made
--- during the loop do not change what it returns (as in Python).
function Message:values(name)
  local snapshot, it = {}, capi.ValueIter(self, name)
  for v in function() return it:next_value() end do
    snapshot[#snapshot + 1] = v
  end
  it:close()
  local i = 0
  return function()
    i = i + 1
    return snapshot[i]
  end
end

function Message:vias()
  return list(self, "via_count", "via_at")
end

function Message:contacts()
  return list(self, "contact_count", "contact_at")
end

function Message:diagnostics()
  return list(self, "diag_count", "diag_at")
end

--- The wire bytes; opts: { compact = true, canonical = true }.
function Message:to_bytes(opts)
  return capi.write(self, flags_of(opts, WRITE_FLAGS))
end

meta.Message.__tostring = function(self)
  if capi._is_closed(self) then
    return "Message (closed)"
  end
  return capi.write(self, 0)
end

-- SDP -------------------------------------------------------------------------

local Sdp, SdpSection = methods.Sdp, methods.SdpSection

--- The media sections, in order.
function Sdp:media()
  return list(self, "media_count", "media_at")
end

function Sdp:to_bytes()
  return self:write(0)
end

meta.Sdp.__tostring = function(self)
  if capi._is_closed(self) then
    return "Sdp (closed)"
  end
  return self:write(0)
end

--- The m= line's formats ("0", "8", ...).
function SdpSection:formats()
  return list(self, "format_count", "format_at")
end

--- The codecs of the formats, in m= order.
function SdpSection:codecs()
  return list(self, "codec_count", "codec_at")
end

--- The rtpmap attributes, in order.
function SdpSection:rtpmaps()
  local out = {}
  for i = 0, self:line_count() - 1 do
    local r = self:rtpmap_at(i)
    if r then
      out[#out + 1] = r
    end
  end
  return out
end

--- The value of the first a=name line; "" for a flag; nil when absent.
function SdpSection:attribute(name)
  local i = self:attr_find_name(name, 0)
  if i < 0 then
    return nil
  end
  return self:line_value(i) or ""
end

-- Views -----------------------------------------------------------------------

meta.Uri.__tostring = function(self)
  return capi._is_closed(self) and "Uri (closed)" or self:raw()
end

return M
