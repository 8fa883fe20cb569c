-- Storm detection, step 2 of 2: applies one batch of cluster decisions atomically.
-- Each op joins a ticket to a cluster (existing or created by this batch), counts the
-- cluster's members inside the window, opens the master incident when the count passes
-- the threshold, records the ticket's decision for redelivery, and prunes idle clusters.
-- Rejects the whole batch (nothing written) when its decisions rest on a stale view: a
-- cluster it joins has gone, or it creates a cluster while another caller created one in
-- the same space after the caller's read (optimistic concurrency on the version).
--
-- KEYS[1]  storm base key (hash tag of every storm key, e.g. "ss:{storm}")
-- ARGV[1]  JSON {ver, now, window, min_tickets, cluster_ttl, record_ttl, prune_limit,
--                spaces: [name...], new: {cid: {s: space, r: base64 vector}},
--                ops: [{t: ticket, c: cluster, s: space, a: at, u: urgency,
--                       x: excerpt, g: category}...]}
-- Reply    JSON ["ok", [[record, fresh 0/1]...]] or ["conflict"]
local base = KEYS[1]
local req = cjson.decode(ARGV[1])
local window = tonumber(req.window)
local min_tickets = tonumber(req.min_tickets)
local cluster_ttl = tonumber(req.cluster_ttl)
local record_ttl = tonumber(req.record_ttl)
local now = tonumber(req.now)
local new = req.new

local function space_key(space, suffix)
  return base .. ':sp:' .. space .. ':' .. suffix
end

local function ms_key(seconds)
  return string.format('%015d', math.max(0, math.floor(seconds * 1000)))
end

-- Tickets already observed get their recorded decision back, never a second count.
local results = {}
local pending = {}
for i, op in ipairs(req.ops) do
  local rec = redis.call('GET', base .. ':tk:' .. op.t)
  if rec then
    results[i] = {rec, 0}
  else
    pending[#pending + 1] = {i, op}
  end
end

-- Validate the whole batch before writing anything.
local creating = {}
for _, entry in ipairs(pending) do
  local op = entry[2]
  local created = new[op.c]
  if created then
    creating[created.s] = true
  elseif not redis.call('ZSCORE', space_key(op.s, 'active'), op.c)
      or redis.call('EXISTS', base .. ':c:' .. op.c) == 0 then
    -- The cluster expired or was pruned since the read: forget it so the re-read is clean.
    redis.call('ZREM', space_key(op.s, 'active'), op.c)
    redis.call('ZREM', space_key(op.s, 'created'), op.c)
    redis.call('HDEL', space_key(op.s, 'reps'), op.c)
    return cjson.encode({'conflict'})
  end
end
for space, _ in pairs(creating) do
  if redis.call('ZCOUNT', space_key(space, 'created'), '(' .. req.ver, '+inf') > 0 then
    return cjson.encode({'conflict'})
  end
end

for _, entry in ipairs(pending) do
  local index, op = entry[1], entry[2]
  local ck = base .. ':c:' .. op.c
  local rk = ck .. ':recent'
  local at = tonumber(op.a)
  local created = new[op.c]
  if created and not created.done then
    local ver = redis.call('INCR', base .. ':ver')
    redis.call('HSET', ck, 'space', op.s, 'first_seen', op.a, 'last_seen', op.a,
      'excerpt', op.x, 'category', op.g)
    redis.call('HSET', space_key(op.s, 'reps'), op.c, created.r)
    redis.call('ZADD', space_key(op.s, 'created'), ver, op.c)
    redis.call('ZADD', space_key(op.s, 'active'), op.a, op.c)
    created.done = true
  end

  local rec
  local iid = redis.call('HGET', ck, 'incident')
  if iid then
    local ik = base .. ':i:' .. iid
    redis.call('RPUSH', ik .. ':members', op.t)
    local n = redis.call('HINCRBY', ik, 'member_count', 1)
    local seen = redis.call('HMGET', ik, 'first_seen', 'last_seen', 'max_urgency')
    if at < tonumber(seen[1]) then redis.call('HSET', ik, 'first_seen', op.a) end
    if at > tonumber(seen[2]) then redis.call('HSET', ik, 'last_seen', op.a) end
    if op.u > tonumber(seen[3]) then redis.call('HSET', ik, 'max_urgency', op.u) end
    redis.call('EXPIRE', ik, record_ttl)
    redis.call('EXPIRE', ik .. ':members', record_ttl)
    rec = {t = op.t, c = op.c, i = iid, n = n, u = op.u}
  else
    -- Only members inside the window count towards a storm; the set stays bounded by
    -- the threshold because it is dropped once the incident opens.
    redis.call('ZADD', rk, op.a, op.t)
    redis.call('ZREMRANGEBYSCORE', rk, '-inf', '(' .. (at - window))
    local n = redis.call('ZCARD', rk)
    if n > min_tickets then
      iid = 'inc_' .. op.c
      local ik = base .. ':i:' .. iid
      local members = redis.call('ZRANGE', rk, 0, -1, 'WITHSCORES')
      local ordered, linked = {}, {}
      local first, last, max_urgency = at, at, op.u
      for j = 1, #members, 2 do
        local tid, ts = members[j], tonumber(members[j + 1])
        ordered[#ordered + 1] = tid
        if ts < first then first = ts end
        if ts > last then last = ts end
        if tid ~= op.t then
          linked[#linked + 1] = tid
          -- Relabel the earlier member's record so a redelivery reports the incident.
          local tk = base .. ':tk:' .. tid
          local raw = redis.call('GET', tk)
          if raw then
            local r = cjson.decode(raw)
            r.i = iid
            if r.u and r.u > max_urgency then max_urgency = r.u end
            redis.call('SET', tk, cjson.encode(r), 'KEEPTTL')
          end
        end
      end
      local info = redis.call('HMGET', ck, 'space', 'excerpt', 'category')
      redis.call('HSET', ik, 'incident_id', iid, 'cluster_id', op.c,
        'embedding_space', info[1], 'representative_text', info[2] or '',
        'category', info[3] or '', 'member_count', n, 'first_seen', first,
        'last_seen', last, 'max_urgency', max_urgency, 'opened_at', op.a, 'opened_by', op.t)
      for from = 1, #ordered, 500 do
        redis.call('RPUSH', ik .. ':members', unpack(ordered, from, math.min(from + 499, #ordered)))
      end
      redis.call('ZADD', base .. ':incidents', 0, ms_key(at) .. '|' .. iid)
      redis.call('EXPIRE', base .. ':incidents', record_ttl)
      redis.call('EXPIRE', ik, record_ttl)
      redis.call('EXPIRE', ik .. ':members', record_ttl)
      redis.call('HSET', ck, 'incident', iid)
      redis.call('DEL', rk)
      rec = {t = op.t, c = op.c, i = iid, o = true, l = linked, n = n, u = op.u}
    else
      redis.call('EXPIRE', rk, cluster_ttl)
      rec = {t = op.t, c = op.c, n = n, u = op.u}
    end
  end

  if at > tonumber(redis.call('HGET', ck, 'last_seen')) then
    redis.call('HSET', ck, 'last_seen', op.a)
    redis.call('ZADD', space_key(op.s, 'active'), op.a, op.c)
  end
  redis.call('EXPIRE', ck, cluster_ttl)
  local encoded = cjson.encode(rec)
  redis.call('SET', base .. ':tk:' .. op.t, encoded, 'EX', record_ttl)
  results[index] = {encoded, 1}
end

-- Prune clusters idle for two windows, a bounded number per call, so the active set (and
-- the reads of the next batches) stay proportional to current traffic.
local prune_before = '(' .. (now - 2 * window)
for _, space in ipairs(req.spaces) do
  local idle = redis.call('ZRANGEBYSCORE', space_key(space, 'active'), '-inf', prune_before,
    'LIMIT', 0, req.prune_limit)
  for _, cid in ipairs(idle) do
    redis.call('ZREM', space_key(space, 'active'), cid)
    redis.call('ZREM', space_key(space, 'created'), cid)
    redis.call('HDEL', space_key(space, 'reps'), cid)
  end
  for _, suffix in ipairs({'active', 'created', 'reps'}) do
    redis.call('EXPIRE', space_key(space, suffix), cluster_ttl)
  end
end
redis.call('ZREMRANGEBYLEX', base .. ':incidents', '-', '(' .. ms_key(now - record_ttl))

return cjson.encode({'ok', results})
