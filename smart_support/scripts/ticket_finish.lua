-- Write a ticket's result and release its lock, once.
-- KEYS[1] ticket hash, KEYS[2] lock; ARGV[1] token, ARGV[2] ttl seconds,
-- ARGV[3..] field, value pairs. Returns 'done' if a result was already written.
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'master_incident' and redis.call('HEXISTS', KEYS[1], 'completed_at') == 0 then
  -- Folded into an incident while this run was in flight: keep the incident, add the result.
  for i = 3, #ARGV, 2 do
    if ARGV[i] ~= 'status' and ARGV[i] ~= 'incident_id' then
      redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    end
  end
end
if status == 'completed' or status == 'master_incident' or status == 'resolved' then
  if redis.call('GET', KEYS[2]) == ARGV[1] then
    redis.call('DEL', KEYS[2])
  end
  return 'done'
end
for i = 3, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('DEL', KEYS[2])
end
return 'ok'
