-- Park a ticket no agent could take, unless capacity freed meanwhile: then reserve the most
-- skilled online agent with room (so a release that ran just before cannot miss it).
-- KEYS[1] registry, KEYS[2] assignment, KEYS[3] resolved zset, KEYS[4] resolved-by hash,
-- KEYS[5] waiting index, KEYS[6] waiting zset of the ticket's category;
-- ARGV[1] agents tag, ARGV[2] ticket id, ARGV[3] category, ARGV[4] urgency.
-- Answers {outcome, agent}: reserved | held | resolved | waiting.
local tag, ticket, category, urgency = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('ZSCORE', KEYS[3], ticket) then
  return {'resolved', redis.call('HGET', KEYS[4], ticket) or ''}
end
local holder = redis.call('HGET', KEYS[2], ticket)
if holder then
  return {'held', holder}
end
local best, best_skill, best_free = nil, 0, 0
local flat = redis.call('HGETALL', KEYS[1])
for i = 1, #flat, 2 do
  local id = flat[i]
  local record = cjson.decode(flat[i + 1])
  local skill = 0
  if type(record.skills) == 'table' then
    skill = tonumber(record.skills[category]) or 0
  end
  if record.status == 'online' and skill > 0 then
    local free = (tonumber(record.capacity) or 0) - redis.call('SCARD', tag .. ':open:' .. id)
    if free > 0 and (best == nil or skill > best_skill
        or (skill == best_skill and (free > best_free or (free == best_free and id < best)))) then
      best, best_skill, best_free = id, skill, free
    end
  end
end
local previous = redis.call('HGET', KEYS[5], ticket)
if previous then
  redis.call('ZREM', tag .. ':waiting:' .. previous, ticket)
  redis.call('HDEL', KEYS[5], ticket)
end
if best then
  redis.call('SADD', tag .. ':open:' .. best, ticket)
  redis.call('HSET', KEYS[2], ticket, best)
  return {'reserved', best}
end
redis.call('HSET', KEYS[5], ticket, category)
redis.call('ZADD', KEYS[6], urgency, ticket)
return {'waiting', ''}
