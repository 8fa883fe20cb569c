-- Create or update one agent. Omitted fields keep their value (or the defaults for a new
-- agent); skills merge per category. Load is not touched: lowering capacity below it is
-- allowed and only blocks new reservations.
-- KEYS[1] registry; ARGV[1] agents tag (derived keys stay in its slot), ARGV[2] agent id,
-- ARGV[3] JSON of the fields given, ARGV[4] JSON record used when the agent is new.
local raw = redis.call('HGET', KEYS[1], ARGV[2])
local record = cjson.decode(raw or ARGV[4])
local update = cjson.decode(ARGV[3])
if type(record.skills) ~= 'table' then
  record.skills = {}
end
if type(update.skills) == 'table' then
  for category, skill in pairs(update.skills) do
    record.skills[category] = skill
  end
end
if update.capacity ~= nil then
  record.capacity = update.capacity
end
if update.status ~= nil then
  record.status = update.status
end
local encoded = cjson.encode(record)
redis.call('HSET', KEYS[1], ARGV[2], encoded)
local open = redis.call('SMEMBERS', ARGV[1] .. ':open:' .. ARGV[2])
return {encoded, open}
