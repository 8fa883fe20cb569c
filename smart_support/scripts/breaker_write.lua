-- Circuit breaker: write a new state only if no other caller changed it since it was read
-- (optimistic concurrency on a version field), so each transition is decided once: after
-- the cool-down exactly one caller among all concurrent process functions wins the trial.
-- KEYS[1]  breaker hash
-- ARGV[1]  the version read ("0" when the hash had none)
-- ARGV[2..] field, value pairs; an empty value deletes the field
-- Returns 1 when written, 0 when the state moved on (the caller reads and decides again).
local key = KEYS[1]
if (redis.call('HGET', key, 'ver') or '0') ~= ARGV[1] then
  return 0
end
for i = 2, #ARGV, 2 do
  if ARGV[i + 1] == '' then
    redis.call('HDEL', key, ARGV[i])
  else
    redis.call('HSET', key, ARGV[i], ARGV[i + 1])
  end
end
redis.call('HINCRBY', key, 'ver', 1)
return 1
