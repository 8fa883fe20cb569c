-- Storm detection, step 1 of 2: everything one batch needs, read in one round trip.
-- Returns the cluster-set version, the recorded decisions of tickets already observed
-- (redelivery), and per embedding space the active clusters (id, last seen) plus the
-- representatives of clusters created after the version the caller has cached.
--
-- KEYS[1]  storm base key (hash tag of every storm key, e.g. "ss:{storm}")
-- ARGV[1]  JSON {"cutoff": epoch seconds, "tickets": [id...], "spaces": [[name, known_ver]...]}
local base = KEYS[1]
local req = cjson.decode(ARGV[1])

local ver = tonumber(redis.call('GET', base .. ':ver') or '0')

local records = {}
for _, tid in ipairs(req.tickets) do
  local rec = redis.call('GET', base .. ':tk:' .. tid)
  if rec then
    records[#records + 1] = rec
  end
end

local spaces = {}
for _, entry in ipairs(req.spaces) do
  local name, known = entry[1], entry[2]
  local prefix = base .. ':sp:' .. name
  local active = redis.call('ZRANGEBYSCORE', prefix .. ':active', req.cutoff, '+inf', 'WITHSCORES')
  local fresh = redis.call('ZRANGEBYSCORE', prefix .. ':created', '(' .. known, '+inf')
  local reps = {}
  -- HMGET in chunks: unpack() of thousands of ids would overflow the Lua C stack.
  for from = 1, #fresh, 500 do
    local ids = {}
    for j = from, math.min(from + 499, #fresh) do
      ids[#ids + 1] = fresh[j]
    end
    local vals = redis.call('HMGET', prefix .. ':reps', unpack(ids))
    for j, cid in ipairs(ids) do
      if vals[j] then
        reps[#reps + 1] = {cid, vals[j]}
      end
    end
  end
  spaces[#spaces + 1] = {name, active, reps}
end

return cjson.encode({ver, records, spaces})
