-- Resolve a ticket: free its agent's slot, remember it as resolved (so a redelivered message
-- never assigns it again), and hand the freed agent the most urgent waiting ticket it can
-- take. Resolving twice changes nothing.
-- KEYS[1] registry, KEYS[2] assignment, KEYS[3] resolved zset, KEYS[4] resolved-by hash,
-- KEYS[5] waiting index; ARGV[1] agents tag, ARGV[2] ticket id, ARGV[3] now (epoch s),
-- ARGV[4] seconds resolved tickets are remembered, ARGV[5..] categories.
-- Answers {outcome, agent, handed ticket}: released | already.
local tag, ticket, now, keep = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
if redis.call('ZSCORE', KEYS[3], ticket) then
  return {'already', redis.call('HGET', KEYS[4], ticket) or '', ''}
end
-- Forget old resolutions a bounded number at a time, so no call does unbounded work.
local old = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - keep, 'LIMIT', 0, 100)
for _, id in ipairs(old) do
  redis.call('ZREM', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
end
local agent = redis.call('HGET', KEYS[2], ticket)
redis.call('ZADD', KEYS[3], now, ticket)
redis.call('HSET', KEYS[4], ticket, agent or '')
local waiting_in = redis.call('HGET', KEYS[5], ticket)
if waiting_in then
  redis.call('ZREM', tag .. ':waiting:' .. waiting_in, ticket)
  redis.call('HDEL', KEYS[5], ticket)
end
if not agent then
  return {'released', '', ''}
end
redis.call('HDEL', KEYS[2], ticket)
local open = tag .. ':open:' .. agent
redis.call('SREM', open, ticket)

local raw = redis.call('HGET', KEYS[1], agent)
if not raw then
  return {'released', agent, ''}
end
local record = cjson.decode(raw)
if record.status ~= 'online' or redis.call('SCARD', open) >= (tonumber(record.capacity) or 0) then
  return {'released', agent, ''}
end
local best, best_score, best_skill, best_category = nil, 0, 0, nil
for i = 5, #ARGV do
  local category = ARGV[i]
  local skill = 0
  if type(record.skills) == 'table' then
    skill = tonumber(record.skills[category]) or 0
  end
  if skill > 0 then
    local top = redis.call('ZREVRANGE', tag .. ':waiting:' .. category, 0, 0, 'WITHSCORES')
    if #top > 0 then
      local id, score = top[1], tonumber(top[2])
      if best == nil or score > best_score or (score == best_score and (skill > best_skill
          or (skill == best_skill and id < best))) then
        best, best_score, best_skill, best_category = id, score, skill, category
      end
    end
  end
end
if not best then
  return {'released', agent, ''}
end
redis.call('ZREM', tag .. ':waiting:' .. best_category, best)
redis.call('HDEL', KEYS[5], best)
redis.call('SADD', open, best)
redis.call('HSET', KEYS[2], best, agent)
return {'released', agent, best}
