"use strict";
// The operator console: plain JavaScript over the same HTTP API, with the key the operator
// enters (kept in sessionStorage, so it leaves with the tab). Ticket text only ever reaches
// the page through textContent: nothing from the API is parsed as HTML.
(function () {
  const KEY = "smart-support-key";
  const REFRESH_MS = 3000;
  const base = location.pathname.replace(/\/console\/?$/, "");
  const $ = (id) => document.getElementById(id);
  let current = null;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function say(text) { $("status").textContent = text; }

  async function api(method, path, body) {
    const key = sessionStorage.getItem(KEY) || "";
    const headers = { "x-api-key": key };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(base + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error((data.error && data.error.message) || res.statusText);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  function fill(tbody, rows) {
    tbody.replaceChildren(...rows);
  }

  function queueRow(t) {
    const tr = el("tr");
    tr.dataset.ticket = t.ticket_id;
    const s = t.urgency_score === undefined ? "" : t.urgency_score.toFixed(2);
    tr.append(el("td", s, t.urgency_label === "high" ? "high" : ""));
    const cat = el("td", t.category || "");
    if (t.needs_review) cat.append(" ", el("span", "needs review", "pill review"));
    if (t.correction) cat.append(" ", el("span", "corrected", "pill"));
    tr.append(cat);
    tr.append(el("td", t.category_confidence === undefined ? "" : t.category_confidence.toFixed(2)));
    tr.append(el("td", t.assigned_agent || "-"));
    tr.append(el("td", t.status));
    tr.append(el("td", t.ticket_id, "id"));
    const td = el("td");
    const explain = el("button", "Explain");
    explain.type = "button";
    explain.addEventListener("click", () => open(t.ticket_id, null));
    td.append(explain);
    tr.append(td);
    return tr;
  }

  function explanationView(status) {
    const box = $("explanation");
    box.replaceChildren();
    const x = status.explanation;
    if (!x) { box.append(el("p", "No explanation yet (" + status.status + ").", "meta")); return; }
    box.append(el("h3", "Why " + status.category + ", S " + status.urgency_score.toFixed(2)));
    const probs = el("dl");
    for (const [name, p] of Object.entries(x.category.probabilities)) {
      probs.append(el("dt", name), el("dd", (100 * p).toFixed(1) + " %"));
    }
    box.append(probs);
    const near = el("ul");
    near.id = "nearest";
    for (const n of x.category.nearest) {
      near.append(el("li", n.category + " " + n.similarity.toFixed(2) + " " + n.id + ": " + n.excerpt));
    }
    box.append(el("h4", "Nearest labelled examples"), near);
    const sig = x.urgency.signals;
    box.append(el("h4", "Urgency " + x.urgency.label + " (" + sig.source + ")"));
    const us = el("ul");
    for (const r of sig.rules || []) us.append(el("li", r));
    for (const r of sig.nearest_rated || []) {
      us.append(el("li", r.id + ": urgency " + r.urgency + ", similarity " + r.similarity.toFixed(2)));
    }
    box.append(us);
    const r = x.routing;
    if (r) {
      const dl = el("dl");
      if (r.agent) dl.append(el("dt", "agent"), el("dd", r.agent.agent_id + " (skill " + r.agent.skill + ", load " + r.agent.load + "/" + r.agent.capacity + ")"));
      if (r.runner_up) dl.append(el("dt", "runner-up"), el("dd", r.runner_up.agent_id + ": " + r.runner_up.lost_because));
      if (r.waiting_because) dl.append(el("dt", "waits"), el("dd", r.waiting_because));
      box.append(el("h4", "Routing"), dl);
    }
    if (x.storm) {
      box.append(el("h4", "Storm"), el("p", (x.storm.incident_id || "no incident") + ", similarity " + x.storm.cluster_similarity + ", members " + x.storm.member_count));
    }
  }

  async function open(ticketId, detail) {
    try {
      const status = await api("GET", "/tickets/" + ticketId + "/status");
      current = Object.assign({}, detail || {}, status);
      $("correct-form").reset();
      $("current").hidden = false;
      $("current-meta").textContent = current.ticket_id + " · " + current.status + " · " + (current.category || "") + " · " + (current.assigned_agent || "unassigned");
      $("current-subject").textContent = detail ? (detail.subject || "") : "";
      $("current-body").textContent = detail ? [detail.body, detail.description].filter(Boolean).join("\n") : "(take the ticket to read its text)";
      explanationView(current);
    } catch (e) { say("Could not open " + ticketId + ": " + e.message); }
  }

  async function takeNext() {
    try {
      const t = await api("POST", "/tickets/next");
      say("Took " + t.ticket_id);
      await open(t.ticket_id, t);
    } catch (e) { say(e.status === 404 ? "The queue is empty." : "Take next failed: " + e.message); }
    refresh();
  }

  async function correct(ev) {
    ev.preventDefault();
    if (!current) return;
    const body = {};
    if ($("correct-category").value) body.category = $("correct-category").value;
    if ($("correct-urgency").value !== "") body.urgency_score = Number($("correct-urgency").value);
    if ($("correct-reason").value) body.reason = $("correct-reason").value;
    try {
      const status = await api("POST", "/tickets/" + current.ticket_id + "/correction", body);
      say("Corrected " + status.ticket_id + " to " + status.category + " (agent " + (status.assigned_agent || "none yet") + ")");
      await open(status.ticket_id, current);
    } catch (e) { say("Correction failed: " + e.message); }
    refresh();
  }

  async function resolve() {
    if (!current) return;
    try {
      await api("POST", "/tickets/" + current.ticket_id + "/resolve");
      say("Resolved " + current.ticket_id);
      await open(current.ticket_id, current);
    } catch (e) { say("Resolve failed: " + e.message); }
    refresh();
  }

  async function part(name, load) {
    try { await load(); } catch (e) {
      if (e.status === 401) say("The key was refused.");
      else if (e.status !== 403) say(name + ": " + e.message);
    }
  }

  async function refresh() {
    if (!sessionStorage.getItem(KEY)) return;
    await Promise.all([
      part("queue", async () => {
        const page = await api("GET", "/queue?limit=50");
        fill($("queue").tBodies[0], page.items.map(queueRow));
      }),
      part("incidents", async () => {
        const page = await api("GET", "/incidents?limit=10");
        $("incidents").replaceChildren(...page.items.map((i) =>
          el("li", i.member_count + " tickets, " + (i.category || "") + ", " + i.status + ": " + (i.representative_text || ""))));
      }),
      part("agents", async () => {
        const page = await api("GET", "/agents");
        fill($("agents").tBodies[0], page.items.map((a) => {
          const tr = el("tr");
          const skills = Object.entries(a.skills).map(([c, s]) => c + " " + s).join(", ");
          tr.append(el("td", a.agent_id), el("td", a.status), el("td", a.load + "/" + a.capacity), el("td", skills));
          return tr;
        }));
      }),
      part("corrections", async () => {
        const page = await api("GET", "/corrections?limit=10");
        $("corrections").replaceChildren(...page.items.map((c) =>
          el("li", c.at + " " + c.by + ": " + c.ticket_id + " " + c.from_category + " → " + c.to_category + (c.reason ? " (" + c.reason + ")" : ""))));
      }),
      part("health", async () => {
        const res = await fetch(base + "/health");
        const h = await res.json();
        const state = (h.checks && h.checks.model_breaker) || "unknown";
        $("breaker").textContent = "breaker: " + state;
        $("breaker").className = "pill " + state;
      }),
    ]);
  }

  $("key-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(KEY, $("key").value.trim());
    $("key").value = "";
    say("Key set for this tab.");
    refresh();
  });
  $("forget-key").addEventListener("click", () => { sessionStorage.removeItem(KEY); say("Key forgotten."); });
  $("take-next").addEventListener("click", takeNext);
  $("correct-form").addEventListener("submit", correct);
  $("resolve").addEventListener("click", resolve);
  refresh();
  setInterval(refresh, REFRESH_MS);
})();
