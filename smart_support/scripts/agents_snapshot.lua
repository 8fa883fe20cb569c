-- One consistent read for routing: every agent with its load, and for each ticket asked
-- about whether it already holds an agent or was resolved.
-- KEYS[1] registry, KEYS[2] assignment, KEYS[3] resolved zset, KEYS[4] resolved-by hash;
-- ARGV[1] agents tag, ARGV[2..] ticket ids.
local agents = {}
local flat = redis.call('HGETALL', KEYS[1])
for i = 1, #flat, 2 do
  local load = redis.call('SCARD', ARGV[1] .. ':open:' .. flat[i])
  table.insert(agents, flat[i])
  table.insert(agents, flat[i + 1])
  table.insert(agents, load)
end
local tickets = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call('ZSCORE', KEYS[3], id) then
    table.insert(tickets, 'resolved')
    table.insert(tickets, redis.call('HGET', KEYS[4], id) or '')
  else
    local agent = redis.call('HGET', KEYS[2], id)
    if agent then
      table.insert(tickets, 'held')
      table.insert(tickets, agent)
    else
      table.insert(tickets, '')
      table.insert(tickets, '')
    end
  end
end
return {agents, tickets}
