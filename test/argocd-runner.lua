-- Runs an Argo CD health script as Argo CD does: the object as the global `obj` (JSON null read as absent, as
-- Argo CD's conversion of the object leaves it out), the script's returned table printed as JSON.
-- Usage: lua5.1 test/argocd-runner.lua health.lua < object.json
local cjson = require("cjson")

local function withoutNulls(value)
  if value == cjson.null then return nil end
  if type(value) ~= "table" then return value end
  local copy = {}
  for k, v in pairs(value) do copy[k] = withoutNulls(v) end
  return copy
end

local file = assert(io.open(arg[1], "r"))
local script = file:read("*a")
file:close()
obj = withoutNulls(cjson.decode(io.read("*a")))
local health = assert(loadstring(script, "health.lua"))()
io.write(cjson.encode({ status = health.status, message = health.message }))
