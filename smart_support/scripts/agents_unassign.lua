-- Take a ticket from its agent without resolving it, so it can be routed again (a
-- correction changed its category): its slot is freed and it leaves the waiting lists.
-- KEYS[1] assignment, KEYS[2] waiting index; ARGV[1] agents tag, ARGV[2] ticket id.
-- Answers the agent it had, or '' if none.
local tag, ticket = ARGV[1], ARGV[2]
local waiting_in = redis.call('HGET', KEYS[2], ticket)
if waiting_in then
  redis.call('ZREM', tag .. ':waiting:' .. waiting_in, ticket)
  redis.call('HDEL', KEYS[2], ticket)
end
local agent = redis.call('HGET', KEYS[1], ticket)
if not agent then
  return ''
end
redis.call('HDEL', KEYS[1], ticket)
redis.call('SREM', tag .. ':open:' .. agent, ticket)
return agent
