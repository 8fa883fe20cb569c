-- Put a completed ticket in the ready queue (and its category/agent views), idempotently.
-- KEYS[1] ready, KEYS[2] meta, KEYS[3] inflight, KEYS[4] category view, KEYS[5] agent view
-- (written only with an agent). ARGV[1] ticket id, ARGV[2] urgency score, ARGV[3] category,
-- ARGV[4] agent or ''.
-- KEYS[6] popped. A ticket `next` already handed out is never queued again.
redis.call('ZREM', KEYS[3], ARGV[1])
if redis.call('ZSCORE', KEYS[6], ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3] .. '|' .. ARGV[4])
return 1
