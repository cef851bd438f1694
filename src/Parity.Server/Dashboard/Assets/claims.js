// Claims tracker: each claim as a card (headline, verdict, confidence, what's confirmed, still unconfirmed, evidence, history).
"use strict";
(() => {
  const { el, pct, api, params, setParams, freshness, live, showError, sourceLink } = P;
  const page = document.getElementById("page");
  let file = params().file || "";
  let uploaded = null; // { name, text }: a checked upload stays on screen until cleared

  const verdictOf = (v) => String(v || "").toLowerCase();
  // Readings (when the engine gives them) sort into what holds, what fails and what is still open; without
  // readings the claim's own summary goes where its verdict puts it.
  function sections(c) {
    const held = [], failed = [], open = [];
    if (Array.isArray(c.readings) && c.readings.length) {
      for (const r of c.readings) {
        const v = verdictOf(r.verdict);
        const line = `${r.name}: ${r.summary}` + (r.pTrue !== undefined && r.pTrue !== null ? ` (P(true) ${pct(r.pTrue)})` : "") + (r.role === "context" ? " — context, not counted" : "");
        (v === "holds" || v === "confirmed" ? held : v === "fails" || v === "refuted" ? failed : open).push(line + (r.wouldDecide ? ` Would decide it: ${r.wouldDecide}` : ""));
      }
    } else {
      const v = verdictOf(c.verdict);
      (v === "confirmed" ? held : v === "refuted" ? failed : open).push(c.summary + (c.wouldDecide ? ` Would decide it: ${c.wouldDecide}` : ""));
    }
    return { held, failed, open };
  }

  function evidence(c) {
    const all = (c.evidence || []).concat(...(c.readings || []).map((r) => r.evidence || []));
    const seen = new Set();
    return all.filter((e) => { const k = e.text + e.source; if (seen.has(k)) return false; seen.add(k); return true; });
  }

  function card(c) {
    const v = verdictOf(c.verdict);
    const { held, failed, open } = sections(c);
    const list = (title, items, cls) => items.length ? [el("div", { class: "section-title " + cls, text: title }), el("ul", {}, ...items.map((t) => el("li", { text: t })))] : [];
    const ev = evidence(c);
    const history = c.history || c.verdictHistory || [];
    return el("article", { class: "card claim", id: "claim-" + c.id, "data-verdict": v },
      el("h3", { text: c.sentence }),
      el("div", { class: "note", text: [c.said, c.type, c.asOf ? "as of " + c.asOf : null].filter(Boolean).join(" · ") }),
      el("p", {}, el("span", { class: "verdict " + v, text: v }), " ",
        el("span", { class: "confidence", text: c.confidence !== undefined && c.confidence !== null ? `confidence ${pct(c.confidence)}` : "no confidence figure (undecided)" }),
        c.probability !== undefined && c.probability !== null ? el("span", { class: "muted", text: ` · P(true) ${pct(c.probability)}` }) : null),
      el("p", { class: "summary", text: c.summary }),
      ...list("What's confirmed", held, "held"),
      ...list("What's refuted", failed, "failed"),
      ...list("Still unconfirmed", open, "open"),
      c.rule ? el("p", { class: "note", text: "Rule: " + (typeof c.rule === "string" ? c.rule : JSON.stringify(c.rule)) }) : null,
      ev.length ? el("details", {}, el("summary", { text: `Deciding evidence (${ev.length})` }),
        el("ul", {}, ...ev.map((e) => el("li", {}, e.text, " — ", sourceLink(e.source), e.date ? `, ${e.date}` : "")))) : null,
      history.length ? el("details", {}, el("summary", { text: "Verdict history" }),
        el("ul", {}, ...history.map((h) => el("li", { text: `${h.asOf || h.date}: ${verdictOf(h.verdict)}` + (h.confidence !== undefined && h.confidence !== null ? ` (${pct(h.confidence)})` : "") })))) : null,
      el("p", { class: "note", text: "Method: " + c.method }));
  }

  function checker(r) {
    const path = el("input", { type: "text", id: "claims-file", name: "file", value: file, placeholder: "/path/to/claims.yaml on the server", size: 40 });
    const upload = el("input", { type: "file", id: "claims-upload", accept: ".yaml,.yml,text/yaml" });
    const status = el("div", { id: "check-status", "aria-live": "polite" });
    upload.addEventListener("change", async () => {
      const f = upload.files[0];
      if (!f) return;
      const text = await f.text();
      const res = await fetch("/api/claims/check?name=" + encodeURIComponent(f.name), { method: "POST", headers: { "content-type": "text/yaml" }, body: text });
      const body = await res.json();
      if (!res.ok) { status.replaceChildren(el("p", { class: "error", role: "alert", text: `${f.name}: ${body.error} (nothing was stored)` })); return; }
      uploaded = body;
      render(body);
    });
    const form = el("form", { class: "controls", id: "check-form", onsubmit: (e) => { e.preventDefault(); file = path.value.trim(); uploaded = null; setParams({ file }); load(); } },
      el("label", {}, "Check a claims file on the server", path), el("button", { type: "submit", text: "Check" }),
      el("label", {}, "…or upload one", upload),
      uploaded || file ? el("button", { type: "button", onclick: () => { file = ""; uploaded = null; setParams({}); load(); }, text: "Back to the dashboard's file" }) : null);
    return [form, status];
  }

  function render(r) {
    freshness(r.data, `claims: ${r.file}` + (r.stored === false ? " (checked in place, nothing stored)" : ""));
    const counts = {};
    for (const c of r.claims) counts[verdictOf(c.verdict)] = (counts[verdictOf(c.verdict)] || 0) + 1;
    page.replaceChildren(...checker(r),
      el("p", { id: "claim-counts", text: `${r.claims.length} claims: ` + Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(", ") }),
      el("div", { class: "cards", id: "claims" }, ...r.claims.map(card)),
      el("p", { class: "note", text: r.method }));
  }

  async function load() {
    if (uploaded) return; // an upload is not in the store: a store change does not replace it
    try { render(await api("/api/claims", { file })); } catch (e) {
      page.replaceChildren(...checker({}));
      showError(document.getElementById("check-status"), e);
    }
  }

  load();
  live(load);
})();
