-- Withdraw a ticket whose SQS send reported failure, unless processing already began.
-- KEYS[1] ticket hash, KEYS[2] withdrawn marker; ARGV[1] marker ttl seconds.
-- Returns 1 when withdrawn: the hash is gone and the marker makes ticket_begin drop any
-- message that reached SQS after all. Returns 0 when the ticket is past pending: the send
-- did succeed, so the ticket stays accepted.
local status = redis.call('HGET', KEYS[1], 'status')
if status and status ~= 'pending' then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], '1', 'EX', tonumber(ARGV[1]))
return 1
