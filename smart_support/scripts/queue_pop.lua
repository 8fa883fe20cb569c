-- Pop the most urgent ready ticket from one view and drop it from every other view.
-- KEYS[1] the view popped from, KEYS[2] ready, KEYS[3] meta, KEYS[4] popped; ARGV[1] the views'
-- key prefix (the queue's hash tag, so derived keys stay in this slot), ARGV[2] now (ms),
-- ARGV[3] how long a popped ticket is remembered (ms).
local popped = redis.call('ZPOPMAX', KEYS[1])
if #popped == 0 then
  return false
end
local id = popped[1]
local meta = redis.call('HGET', KEYS[3], id) or '|'
local sep = string.find(meta, '|', 1, true)
local category = string.sub(meta, 1, sep - 1)
local agent = string.sub(meta, sep + 1)
redis.call('ZREM', KEYS[2], id)
if category ~= '' then
  redis.call('ZREM', ARGV[1] .. ':ready:cat:' .. category, id)
end
if agent ~= '' then
  redis.call('ZREM', ARGV[1] .. ':ready:agent:' .. agent, id)
end
redis.call('HDEL', KEYS[3], id)
-- Remembered so a redelivered batch that dies and retries cannot queue the ticket again.
redis.call('ZADD', KEYS[4], tonumber(ARGV[2]), id)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]))
return {id, popped[2]}
