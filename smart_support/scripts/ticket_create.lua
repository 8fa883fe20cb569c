-- Create a ticket's state hash unless one exists (the atomic intake lock).
-- KEYS[1] ticket hash; ARGV[1] ttl seconds; ARGV[2..] field, value pairs.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
for i = 2, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
