-- Pop the ticket an agent should take next: its own most urgent assigned ticket, else the most
-- urgent ticket no agent holds in a category it has a skill for. Never another agent's ticket.
-- KEYS[1] the agent's view, KEYS[2] ready, KEYS[3] meta, KEYS[4] popped; ARGV[1] the views'
-- key prefix (the queue's hash tag), ARGV[2] now (ms), ARGV[3] how long a popped ticket is
-- remembered (ms), ARGV[4] only this category or '', ARGV[5..] the agent's categories.
-- Each view is read a bounded 200 entries deep, so no call does unbounded work.
local tag, now, keep, only = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local function meta_of(id)
  local meta = redis.call('HGET', KEYS[3], id) or '|'
  local sep = string.find(meta, '|', 1, true)
  return string.sub(meta, 1, sep - 1), string.sub(meta, sep + 1)
end
local chosen, score
local own = redis.call('ZREVRANGE', KEYS[1], 0, 199, 'WITHSCORES')
for i = 1, #own, 2 do
  local category = meta_of(own[i])
  if only == '' or category == only then
    chosen, score = own[i], tonumber(own[i + 1])
    break
  end
end
if not chosen then
  for j = 5, #ARGV do
    if only == '' or ARGV[j] == only then
      local ids = redis.call('ZREVRANGE', tag .. ':ready:cat:' .. ARGV[j], 0, 199, 'WITHSCORES')
      for i = 1, #ids, 2 do
        local _, agent = meta_of(ids[i])
        if agent == '' then
          if not score or tonumber(ids[i + 1]) > score then
            chosen, score = ids[i], tonumber(ids[i + 1])
          end
          break
        end
      end
    end
  end
end
if not chosen then
  return false
end
local category, agent = meta_of(chosen)
redis.call('ZREM', KEYS[2], chosen)
if category ~= '' then
  redis.call('ZREM', tag .. ':ready:cat:' .. category, chosen)
end
if agent ~= '' then
  redis.call('ZREM', tag .. ':ready:agent:' .. agent, chosen)
end
redis.call('HDEL', KEYS[3], chosen)
redis.call('ZADD', KEYS[4], now, chosen)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - keep)
return {chosen, tostring(score), agent}
