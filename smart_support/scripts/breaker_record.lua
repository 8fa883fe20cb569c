-- Circuit breaker: record the outcome of a model call, atomically.
-- KEYS[1]  breaker hash
-- ARGV[1]  now in seconds ("" = server clock)
-- ARGV[2]  "success" or "failure"
-- ARGV[3]  trial token ("" when the call was not the half-open trial)
-- ARGV[4]  failures that open the breaker
-- ARGV[5]  window in seconds in which those failures must fall
-- Returns {previous state, new state, failures in the current window}.
local key = KEYS[1]
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local outcome = ARGV[2]
local token = ARGV[3]
local threshold = tonumber(ARGV[4])
local window = tonumber(ARGV[5])

local state = redis.call('HGET', key, 'state') or 'closed'
local failures = tonumber(redis.call('HGET', key, 'failures') or '0') or 0

if token ~= '' then
  -- Only the caller holding the current trial decides how half-open ends.
  if state ~= 'half_open' or redis.call('HGET', key, 'trial_id') ~= token then
    return {state, state, failures}
  end
  redis.call('HDEL', key, 'trial_id', 'trial_started')
  if outcome == 'success' then
    redis.call('HDEL', key, 'opened_at', 'window_start')
    redis.call('HSET', key, 'state', 'closed', 'failures', 0, 'changed_at', tostring(now))
    return {'half_open', 'closed', 0}
  end
  redis.call('HSET', key, 'state', 'open', 'opened_at', tostring(now),
             'changed_at', tostring(now))
  return {'half_open', 'open', failures}
end

-- Outside a trial, successes change nothing, and failures only count while closed (a call
-- that started before another caller opened the breaker must not extend its open time).
if outcome ~= 'failure' or state ~= 'closed' then
  return {state, state, failures}
end
local window_start = tonumber(redis.call('HGET', key, 'window_start') or '')
if not window_start or now - window_start > window then
  failures = 1
  redis.call('HSET', key, 'state', 'closed', 'window_start', tostring(now), 'failures', 1)
else
  failures = redis.call('HINCRBY', key, 'failures', 1)
end
if failures >= threshold then
  redis.call('HSET', key, 'state', 'open', 'opened_at', tostring(now),
             'changed_at', tostring(now))
  return {'closed', 'open', failures}
end
return {'closed', 'closed', failures}
