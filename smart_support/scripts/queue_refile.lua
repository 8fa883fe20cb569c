-- Re-file a ticket in the ready queue after a correction: out of its old category and agent
-- views (and out of `popped`, if `next` had handed it out), into the new ones at its new
-- urgency. KEYS[1] ready, KEYS[2] meta, KEYS[3] popped, KEYS[4] new category view, KEYS[5]
-- new agent view (written only with an agent); ARGV[1] views' key prefix, ARGV[2] ticket
-- id, ARGV[3] urgency, ARGV[4] category, ARGV[5] agent or ''.
local prefix, id = ARGV[1], ARGV[2]
local meta = redis.call('HGET', KEYS[2], id)
if meta then
  local sep = string.find(meta, '|', 1, true)
  local agent = string.sub(meta, sep + 1)
  redis.call('ZREM', prefix .. ':ready:cat:' .. string.sub(meta, 1, sep - 1), id)
  if agent ~= '' then
    redis.call('ZREM', prefix .. ':ready:agent:' .. agent, id)
  end
end
redis.call('ZREM', KEYS[3], id)
redis.call('ZADD', KEYS[1], ARGV[3], id)
redis.call('ZADD', KEYS[4], ARGV[3], id)
if ARGV[5] ~= '' then
  redis.call('ZADD', KEYS[5], ARGV[3], id)
end
redis.call('HSET', KEYS[2], id, ARGV[4] .. '|' .. ARGV[5])
return 1
