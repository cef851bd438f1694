// Evals page: runs in the store, per-model accuracy with its interval and cost, paired comparisons — /api/evals.
"use strict";
(() => {
  const { el, num, usd, pct, api, freshness, live, showError } = P;
  const page = document.getElementById("page");

  const run = (r) => el("section", { class: "card", id: "run-" + r.run.name },
    el("h2", { text: `${r.run.name} (${r.run.suite})` }), el("p", { class: "note", text: `scorer ${r.run.scorer}, started ${r.run.createdAt}` }),
    el("div", { class: "table-wrap" }, el("table", {},
      el("thead", {}, el("tr", {}, ...["model", "items", "errors", "accuracy", "95 % interval", "cost", "per 1,000 items", "correct per $", "latency p50 ms"].map((h, i) => el("th", { scope: "col", class: i ? "num" : "", text: h })))),
      el("tbody", {}, ...r.models.map((m) => el("tr", { tabindex: 0 }, el("td", { text: m.model }), el("td", { class: "num", text: m.items }), el("td", { class: "num", text: m.errors }),
        el("td", { class: "num", text: pct(m.accuracy, 1) }), el("td", { class: "num", text: `${pct(m.accuracyLow, 1)} – ${pct(m.accuracyHigh, 1)}` }),
        el("td", { class: "num", text: m.costUsd !== undefined ? usd(m.costUsd) + (m.unknownCostCalls ? ` (+${m.unknownCostCalls} unpriced)` : "") : "unknown" }),
        el("td", { class: "num", text: m.costPer1000Items !== undefined ? usd(m.costPer1000Items) : "unknown" }), el("td", { class: "num", text: m.correctPerDollar !== undefined ? num(m.correctPerDollar, 0) : "–" }),
        el("td", { class: "num", text: m.latencyP50Ms !== undefined ? num(m.latencyP50Ms, 0) : "–" })))))),
    r.pairs.length ? el("h3", { text: "Paired comparisons (same items)" }) : null,
    r.pairs.length ? el("div", { class: "table-wrap" }, el("table", {},
      el("thead", {}, el("tr", {}, ...["A", "B", "items", "only A right", "only B right", "A − B", "95 % interval", "McNemar p"].map((h, i) => el("th", { scope: "col", class: i > 1 ? "num" : "", text: h })))),
      el("tbody", {}, ...r.pairs.map((p) => el("tr", { tabindex: 0 }, el("td", { text: p.modelA }), el("td", { text: p.modelB }), el("td", { class: "num", text: p.items }),
        el("td", { class: "num", text: p.onlyA }), el("td", { class: "num", text: p.onlyB }), el("td", { class: "num", text: pct(p.difference, 1) }),
        el("td", { class: "num", text: `${pct(p.differenceLow, 1)} – ${pct(p.differenceHigh, 1)}` }), el("td", { class: "num", text: p.pValue !== undefined ? num(p.pValue, 4) : "–" })))))) : null);

  async function load() {
    let r;
    try { r = await api("/api/evals"); } catch (e) { showError(page, e); return; }
    freshness(r.data, `store ${r.store}`);
    page.replaceChildren(...(r.runs.length ? r.runs.map(run) : [el("p", { class: "note", id: "evals-empty", text: `No eval runs in ${r.store}. Run one with: parity eval run --suite gsm8k --model replay:Qwen2-72B-Instruct --model replay:gpt-4o-2024-05-13 --run demo` })]), el("p", { class: "note", text: r.method }));
  }

  load();
  live(load);
})();
