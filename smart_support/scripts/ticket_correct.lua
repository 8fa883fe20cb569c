-- Apply an agent's correction to a processed ticket, atomically and idempotently.
-- KEYS[1] the ticket hash. ARGV[1] new category or '' (keep), ARGV[2] new urgency score or
-- '' (keep), ARGV[3] its urgency label or '' (keep), ARGV[4] who, ARGV[5] when (ISO),
-- ARGV[6] reason or ''.
-- Answers {outcome, status, from category, from urgency, to category, to urgency}, outcome
-- one of missing | unprocessed | same (nothing to change: a repeat) | changed.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return {'missing', '', '', '', '', ''}
end
if status ~= 'completed' and status ~= 'master_incident' and status ~= 'resolved' then
  return {'unprocessed', status, '', '', '', ''}
end
local category = redis.call('HGET', KEYS[1], 'category') or ''
local urgency = redis.call('HGET', KEYS[1], 'urgency_score') or '0'
local to_category = ARGV[1] ~= '' and ARGV[1] or category
local to_urgency = ARGV[2] ~= '' and ARGV[2] or urgency
if to_category == category and tonumber(to_urgency) == tonumber(urgency) then
  return {'same', status, category, urgency, to_category, to_urgency}
end
local record = {
  by = ARGV[4], at = ARGV[5],
  from_category = category, to_category = to_category,
  from_urgency = tonumber(urgency), to_urgency = tonumber(to_urgency),
}
if ARGV[6] ~= '' then
  record.reason = ARGV[6]
end
redis.call('HSET', KEYS[1], 'category', to_category, 'urgency_score', to_urgency,
  'correction', cjson.encode(record), 'updated_at', ARGV[5])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'urgency_label', ARGV[3])
end
-- A person has now looked at it; the model's confidence was for the category it chose.
redis.call('HDEL', KEYS[1], 'needs_review')
if to_category ~= category then
  redis.call('HDEL', KEYS[1], 'category_confidence')
end
return {'changed', status, category, urgency, to_category, to_urgency}
