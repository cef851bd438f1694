// Usage page: the gateway ledger summed by /api/usage (per group, per day), the Chinese open-weight share, the flagship counterfactual.
"use strict";
(() => {
  const { el, svg, num, usd, pct, api, params, setParams, freshness, showError, tooltip } = P;
  const page = document.getElementById("page");
  let state = { by: params().by || "model", from: params().from || "", to: params().to || "" };

  function dayChart(days) {
    const byDay = new Map();
    for (const d of days) byDay.set(d.day, (byDay.get(d.day) || 0) + d.costUsd);
    const list = [...byDay.entries()];
    if (!list.length) return null;
    const W = 920, H = 200, m = { l: 56, r: 10, t: 10, b: 24 }, max = Math.max(...list.map(([, c]) => c)) || 1;
    const bw = (W - m.l - m.r) / list.length;
    const fig = el("figure", { class: "chart", id: "usage-chart" });
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "spend per day" });
    const tip = tooltip(fig);
    list.forEach(([day, cost], i) => {
      const h = (cost / max) * (H - m.t - m.b);
      const bar = svg("rect", { class: "point", x: m.l + i * bw + 1, y: H - m.b - h, width: Math.max(1, bw - 2), height: Math.max(h, 1), tabindex: 0 });
      const show = () => tip.show(bar, [el("strong", { text: day }), el("br"), ...days.filter((d) => d.day === day).flatMap((d) => [`${d.group}: ${usd(d.costUsd)}, ${(d.inputTokens + d.outputTokens).toLocaleString("en-US")} tokens`, el("br")])]);
      bar.addEventListener("mouseenter", show); bar.addEventListener("focus", show); bar.addEventListener("mouseleave", () => tip.hide());
      root.append(bar);
    });
    root.append(svg("text", { x: m.l - 6, y: m.t + 10, "text-anchor": "end" }, usd(max)), svg("text", { x: m.l, y: H - 6 }, list[0][0]), svg("text", { x: W - m.r, y: H - 6, "text-anchor": "end" }, list[list.length - 1][0]));
    fig.prepend(root);
    fig.append(el("figcaption", { text: "spend per UTC day (hover a bar for the groups)" }));
    return fig;
  }

  async function load() {
    let r;
    try { r = await api("/api/usage", state); } catch (e) { showError(page, e); return; }
    freshness(r.data, r.configured ? `ledger ${r.ledger} read ${r.readAt.slice(0, 19).replace("T", " ")} UTC` : null);
    if (!r.configured) { page.replaceChildren(el("p", { class: "note", id: "usage-empty", text: r.message })); return; }
    const s = r.summary;
    const by = el("select", { name: "by" }, ...["model", "origin", "vendor", "key", "route"].map((b) => el("option", { value: b, selected: b === state.by, text: b })));
    const from = el("input", { type: "date", name: "from", value: state.from }), to = el("input", { type: "date", name: "to", value: state.to });
    const form = el("form", { class: "controls", onsubmit: (e) => e.preventDefault() }, el("label", {}, "Group by", by), el("label", {}, "From", from), el("label", {}, "To (exclusive)", to));
    form.addEventListener("change", () => { state = { by: by.value, from: from.value, to: to.value }; setParams(state); load(); });
    const f = s.flagship;
    page.replaceChildren(form,
      el("div", { class: "cards" },
        el("div", { class: "card" }, el("div", { class: "muted", text: "spend" }), el("div", { class: "big", id: "spend", text: usd(s.costUsd) }), `${s.requests.toLocaleString("en-US")} requests, ${s.errors} errors`),
        el("div", { class: "card" }, el("div", { class: "muted", text: "tokens to Chinese open-weight models" }), el("div", { class: "big", id: "cn-share", text: pct(s.chineseOpenWeightTokenShare, 1) }), `${usd(s.chineseOpenWeightCostUsd)} of the spend`),
        f ? el("div", { class: "card" }, el("div", { class: "muted", text: `the same tokens on ${f.model}` }), el("div", { class: "big", id: "flagship", text: usd(f.costUsd) }),
          `${r.flagshipSaving?.ratio ? num(r.flagshipSaving.ratio) + "× what it cost; " : ""}saved ${usd(r.flagshipSaving?.savingsUsd)} (prices: ${f.price.source})`) : null),
      dayChart(r.days) || el("p", { class: "note", text: "No ledger rows in this period." }),
      el("div", { class: "table-wrap" }, el("table", { id: "usage-table" },
        el("thead", {}, el("tr", {}, ...[s.by, "requests", "errors", "input tok", "output tok", "cached tok", "cost", "token share", "cost share", "mean latency ms"].map((h, i) => el("th", { scope: "col", class: i ? "num" : "", text: h })))),
        el("tbody", {}, ...s.rows.map((x) => el("tr", { tabindex: 0 }, el("td", { text: x.group }), ...[x.requests, x.errors, x.inputTokens, x.outputTokens, x.cachedTokens].map((n) => el("td", { class: "num", text: n.toLocaleString("en-US") })),
          el("td", { class: "num", text: usd(x.costUsd) }), el("td", { class: "num", text: pct(x.tokenShare, 1) }), el("td", { class: "num", text: pct(x.costShare, 1) }), el("td", { class: "num", text: num(x.meanLatencyMs) })))))));
  }

  load();
  setInterval(() => { if (!document.hidden) load(); }, 10000); // the ledger grows all the time: read it again every 10 s
})();
