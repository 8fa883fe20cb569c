-- Seed the default agents only if the registry is empty, so concurrent cold starts agree.
-- KEYS[1] registry hash; ARGV pairs of agent id and its JSON record.
if redis.call('HLEN', KEYS[1]) > 0 then
  return 0
end
for i = 1, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
