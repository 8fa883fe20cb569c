-- Circuit breaker: may this caller use the model? One atomic step, so that after the
-- cool-down exactly one caller among all concurrent process functions wins the trial.
-- KEYS[1]  breaker hash
-- ARGV[1]  now in seconds ("" = use the server clock, shared by every caller)
-- ARGV[2]  cool-down in seconds
-- ARGV[3]  token identifying this caller's trial
-- Returns {decision, previous state, new state}; decision is "closed" (use the model),
-- "open" or "half_open" (use the fallback) or "trial" (use the model as the one trial).
local key = KEYS[1]
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local cooldown = tonumber(ARGV[2])
local token = ARGV[3]

local state = redis.call('HGET', key, 'state') or 'closed'
if state == 'closed' then
  return {'closed', 'closed', 'closed'}
end

if state == 'open' then
  local opened_at = tonumber(redis.call('HGET', key, 'opened_at') or '0') or 0
  if now - opened_at < cooldown then
    return {'open', 'open', 'open'}
  end
  redis.call('HSET', key, 'state', 'half_open', 'trial_id', token,
             'trial_started', tostring(now), 'changed_at', tostring(now))
  return {'trial', 'open', 'half_open'}
end

-- half_open: a trial is under way. If its caller died without reporting (a Lambda timed
-- out), the trial is handed to someone else after another cool-down rather than never.
local started = tonumber(redis.call('HGET', key, 'trial_started') or '0') or 0
if now - started >= cooldown then
  redis.call('HSET', key, 'trial_id', token, 'trial_started', tostring(now))
  return {'trial', 'half_open', 'half_open'}
end
return {'half_open', 'half_open', 'half_open'}
