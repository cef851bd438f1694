// Claims tracker: tracker headlines and claims as cards (headline, verdict, confidence, what's confirmed, still unconfirmed,
// deciding evidence with its sources, verdict history), all from the engine's claims report at /api/claims.
"use strict";
(() => {
  const { el, pct, api, params, setParams, freshness, live, showError, sourceLink } = P;
  const page = document.getElementById("page");
  let query = { file: params().file || "", asOf: params().asOf || "" };
  let uploaded = null; // a checked upload stays on screen (it is not in the store) until cleared

  const cls = (v) => "verdict " + String(v).replace(/\s+/g, "-");
  const confidence = (c) => (c !== undefined && c !== null ? `confidence ${pct(c)}` : "no confidence figure (undecided)");
  const when = (t) => (t ? String(t).slice(0, 16).replace("T", " ") : "");

  // Readings sorted into what holds, what fails and what is still open (uncertain or without data).
  function sections(c) {
    const held = [], failed = [], open = [];
    for (const r of c.readings || []) {
      const line = `${r.name}: ${r.summary}` + (r.pTrue !== undefined && r.pTrue !== null ? ` (P(true) ${pct(r.pTrue)})` : "") + (r.role === "context" ? " — context, not counted" : "") + (r.wouldDecide ? ` Would decide it: ${r.wouldDecide}` : "");
      (r.verdict === "holds" ? held : r.verdict === "fails" ? failed : open).push(line);
    }
    return { held, failed, open };
  }

  function evidence(c) {
    const seen = new Set(), out = [];
    const deciding = (c.readings || []).filter((r) => r.name === c.decidedBy);
    for (const r of deciding.concat((c.readings || []).filter((r) => r.name !== c.decidedBy))) for (const e of r.evidence || []) {
      const k = e.text + "|" + e.source;
      if (!seen.has(k)) { seen.add(k); out.push({ ...e, deciding: r.name === c.decidedBy }); }
    }
    return out;
  }

  function card(c) {
    const { held, failed, open } = sections(c);
    const list = (title, items, k) => (items.length ? [el("div", { class: "section-title " + k, text: title }), el("ul", { class: k }, ...items.map((t) => el("li", { text: t })))] : []);
    const ev = evidence(c);
    return el("article", { class: "card claim", id: "claim-" + c.id, "data-verdict": c.verdict },
      el("h3", { text: c.sentence }),
      el("div", { class: "note", text: [c.said, c.type].filter(Boolean).join(" · ") }),
      el("p", {}, el("span", { class: cls(c.verdict), text: c.verdict }), " ", el("span", { class: "confidence", text: confidence(c.confidence) }),
        c.seedLabel ? el("span", { class: "muted", text: ` · the coverage said "${c.seedLabel}"${c.seedAgrees === false ? " (Parity disagrees)" : c.seedAgrees ? " (Parity agrees)" : ""}` }) : null),
      el("p", { class: "why", text: c.why }),
      el("p", { class: "summary", text: c.summary }),
      ...list("What's confirmed", held, "held"), ...list("What's refuted", failed, "failed"), ...list("Still unconfirmed", open, "open"),
      c.wouldDecide ? el("p", { class: "note", text: "Would decide it: " + c.wouldDecide }) : null,
      ev.length ? el("details", {}, el("summary", { text: `Deciding evidence (${ev.length})` }),
        el("ul", {}, ...ev.map((e) => el("li", { class: e.deciding ? "deciding" : "" }, e.text, " — ", sourceLink(e.source), e.date ? `, ${e.date}` : "")))) : null,
      c.timeline && c.timeline.length ? el("details", { class: "history" }, el("summary", { text: "Verdict history" }),
        c.timelineText ? el("p", { class: "note", text: c.timelineText }) : null,
        el("ul", {}, ...c.timeline.map((t) => el("li", { text: `${when(t.from) || "before the data"} → ${when(t.to) || "now"}: ${t.verdict}` + (t.pTrue !== undefined && t.pTrue !== null ? ` (P(true) ${pct(t.pTrue)})` : "") + (t.change ? ` — ${t.change}` : "") })))) : null,
      c.coverage ? el("p", { class: "note", text: "Data cover: " + c.coverage }) : null);
  }

  function tracker(t, byId) {
    const line = (id) => { const c = byId.get(id); return el("li", {}, el("a", { href: "#claim-" + id, text: c ? c.sentence : id }), c ? el("span", { class: "muted", text: ` — Parity: ${c.verdict}` }) : ""); };
    return el("article", { class: "card tracker", id: "tracker-" + t.id, "data-verdict": t.verdict },
      el("h3", { text: t.headline }),
      el("p", {}, el("span", { class: cls(t.verdict), text: t.verdict }), " ", el("span", { class: "confidence", text: confidence(t.confidence) }),
        t.seedLabel ? el("span", { class: "muted", text: ` · the coverage said "${t.seedLabel}"` }) : null),
      el("p", { class: "why", text: t.why }),
      t.confirmed.length ? el("div", { class: "section-title", text: "What's confirmed (as the coverage listed it)" }) : null, t.confirmed.length ? el("ul", {}, ...t.confirmed.map(line)) : null,
      t.unconfirmed.length ? el("div", { class: "section-title", text: "Still unconfirmed (as the coverage listed it)" }) : null, t.unconfirmed.length ? el("ul", {}, ...t.unconfirmed.map(line)) : null,
      t.disagreements.length ? el("div", { class: "section-title", text: "Where Parity disagrees" }) : null, t.disagreements.length ? el("ul", {}, ...t.disagreements.map((d) => el("li", { text: d }))) : null);
  }

  function checker() {
    const path = el("input", { type: "text", id: "claims-file", name: "file", value: query.file, placeholder: "a .yaml beside the store or the claims file", size: 36 });
    const asOf = el("input", { type: "date", id: "claims-asof", name: "asOf", value: query.asOf });
    const upload = el("input", { type: "file", id: "claims-upload", accept: ".yaml,.yml,text/yaml" });
    const status = el("div", { id: "check-status", "aria-live": "polite" });
    upload.addEventListener("change", async () => {
      const f = upload.files[0];
      if (!f) return;
      const qs = new URLSearchParams({ name: f.name, ...(query.asOf ? { asOf: query.asOf } : {}) });
      const res = await fetch("/api/claims/check?" + qs, { method: "POST", headers: { "content-type": "text/yaml" }, body: await f.text() });
      const body = await res.json();
      if (!res.ok) { status.replaceChildren(el("p", { class: "error", role: "alert", text: `${f.name}: ${body.error} (nothing was stored)` })); return; }
      uploaded = body;
      render(body);
    });
    const submit = (e) => { e.preventDefault(); query = { file: path.value.trim(), asOf: asOf.value }; uploaded = null; setParams(query); load(); };
    const form = el("form", { class: "controls", id: "check-form", onsubmit: submit },
      el("label", {}, "Check a claims file on the server", path), el("label", {}, "As of", asOf), el("button", { type: "submit", text: "Check" }),
      el("label", {}, "…or upload one", upload),
      uploaded || query.file ? el("button", { type: "button", onclick: () => { query = { file: "", asOf: "" }; uploaded = null; setParams({}); load(); }, text: "Back to the dashboard's file" }) : null);
    return [form, status];
  }

  function render(r) {
    const rep = r.report;
    freshness(r.data, `claims: ${rep.file}, as of ${rep.asOf}` + (r.stored === false ? " (checked in place, nothing stored)" : ""));
    const counts = {};
    for (const c of rep.claims) counts[c.verdict] = (counts[c.verdict] || 0) + 1;
    const byId = new Map(rep.claims.map((c) => [c.id, c]));
    page.replaceChildren(...checker(),
      el("p", { id: "claim-counts", text: `${rep.claims.length} claims: ` + Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(", ") }),
      rep.trackers.length ? el("h2", { text: "Tracker headlines" }) : null,
      rep.trackers.length ? el("div", { class: "cards", id: "trackers" }, ...rep.trackers.map((t) => tracker(t, byId))) : null,
      el("h2", { text: "Claims" }),
      el("div", { class: "cards", id: "claims" }, ...rep.claims.map(card)),
      el("h2", { text: "How verdicts are reached" }), el("p", { class: "note", text: rep.rule }), el("p", { class: "note", text: rep.method }),
      el("ul", { class: "note" }, ...rep.sources.map((s) => el("li", { text: s }))));
  }

  async function load() {
    if (uploaded) return;
    try { render(await api("/api/claims", query)); } catch (e) {
      page.replaceChildren(...checker());
      showError(document.getElementById("check-status"), e);
    }
  }

  load();
  live(load);
})();
