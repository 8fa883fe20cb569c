-- Take a ticket's processing lock and mark it processing.
-- KEYS[1] ticket hash, KEYS[2] lock, KEYS[3] withdrawn marker (ticket_discard.lua);
-- ARGV[1] token, ARGV[2] lock ms, ARGV[3] now (ISO), ARGV[4] ttl seconds, ARGV[5..] field,
-- value pairs to recreate the hash if it expired.
-- Returns 'withdrawn' when intake took the ticket back (its client got an error),
-- 'done' when the ticket already reached a final state (a redelivery),
-- 'busy' when another worker holds the lock, 'ok' otherwise.
if redis.call('EXISTS', KEYS[3]) == 1 then
  return 'withdrawn'
end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'completed' or status == 'master_incident' or status == 'resolved' then
  return 'done'
end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then
  return 'busy'
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', tonumber(ARGV[2]))
if not status then
  for i = 5, #ARGV, 2 do
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
redis.call('HSET', KEYS[1], 'status', 'processing', 'processing_at', ARGV[3], 'updated_at', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return 'ok'
