-- Reserve one capacity slot of an agent for a ticket, atomically and at most once.
-- KEYS[1] registry, KEYS[2] assignment, KEYS[3] resolved zset, KEYS[4] resolved-by hash,
-- KEYS[5] waiting index (ticket -> category); ARGV[1] agents tag, ARGV[2] ticket id,
-- ARGV[3] agent id.
-- Answers {outcome, agent}: reserved | held (already on an agent, maybe another one) |
-- resolved | full | offline | unknown.
local tag, ticket, agent = ARGV[1], ARGV[2], ARGV[3]
if redis.call('ZSCORE', KEYS[3], ticket) then
  return {'resolved', redis.call('HGET', KEYS[4], ticket) or ''}
end
local holder = redis.call('HGET', KEYS[2], ticket)
if holder then
  return {'held', holder}
end
local raw = redis.call('HGET', KEYS[1], agent)
if not raw then
  return {'unknown', agent}
end
local record = cjson.decode(raw)
if record.status ~= 'online' then
  return {'offline', agent}
end
local open = tag .. ':open:' .. agent
if redis.call('SCARD', open) >= (tonumber(record.capacity) or 0) then
  return {'full', agent}
end
redis.call('SADD', open, ticket)
redis.call('HSET', KEYS[2], ticket, agent)
local waiting_in = redis.call('HGET', KEYS[5], ticket)
if waiting_in then
  redis.call('ZREM', tag .. ':waiting:' .. waiting_in, ticket)
  redis.call('HDEL', KEYS[5], ticket)
end
return {'reserved', agent}
