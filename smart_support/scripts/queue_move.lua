-- Change which agent a ready ticket belongs to, or take it out of the queue.
-- KEYS[1] ready, KEYS[2] meta; ARGV[1] views' key prefix, ARGV[2] ticket id,
-- ARGV[3] 'assign' or 'remove', ARGV[4] new agent (assign).
local id = ARGV[2]
local meta = redis.call('HGET', KEYS[2], id)
if not meta then
  return 0
end
local sep = string.find(meta, '|', 1, true)
local category = string.sub(meta, 1, sep - 1)
local agent = string.sub(meta, sep + 1)
if agent ~= '' then
  redis.call('ZREM', ARGV[1] .. ':ready:agent:' .. agent, id)
end
if ARGV[3] == 'remove' then
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', ARGV[1] .. ':ready:cat:' .. category, id)
  redis.call('HDEL', KEYS[2], id)
  return 1
end
local score = redis.call('ZSCORE', KEYS[1], id)
redis.call('ZADD', ARGV[1] .. ':ready:agent:' .. ARGV[4], score, id)
redis.call('HSET', KEYS[2], id, category .. '|' .. ARGV[4])
return 1
