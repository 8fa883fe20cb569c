-- Circuit breaker: the shared state and the server's clock, read in one step.
-- KEYS[1]  breaker hash
-- Returns {flat field/value list, seconds, microseconds} (the clock every Lambda shares).
local t = redis.call('TIME')
return {redis.call('HGETALL', KEYS[1]), t[1], t[2]}
