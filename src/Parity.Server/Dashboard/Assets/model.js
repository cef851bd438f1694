// Model page: catalog facts with sources, price history, rating history — from /api/model/{id}.
"use strict";
(() => {
  const { el, svg, num, usd, api, freshness, live, showError, flag, openText, tooltip, ticks } = P;
  const page = document.getElementById("page");
  const id = decodeURIComponent(location.pathname.replace(/^\/model\//, ""));

  const fact = (label, value, source) => [el("dt", { text: label }), el("dd", {}, value ?? "–", source ? el("span", { class: "note", text: ` — ${source.name}${source.date ? ", " + source.date : ""}` }) : "")];

  function ratingChart(ratings, board) {
    const pts = ratings.filter((r) => r.board === board);
    if (pts.length < 1) return null;
    const W = 920, H = 220, m = { l: 46, r: 12, t: 10, b: 24 };
    const t = pts.map((p) => Date.parse(p.date)), t0 = Math.min(...t), t1 = Math.max(...t);
    const y0 = Math.min(...pts.map((p) => p.lower ?? p.rating)) - 5, y1 = Math.max(...pts.map((p) => p.upper ?? p.rating)) + 5;
    const X = (v) => m.l + (t1 === t0 ? 0.5 : (v - t0) / (t1 - t0)) * (W - m.l - m.r), Y = (v) => m.t + (1 - (v - y0) / (y1 - y0)) * (H - m.t - m.b);
    const fig = el("figure", { class: "chart", id: "ratings-" + board });
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `rating history on the ${board} board` });
    for (const v of ticks(y0, y1, 5)) root.append(svg("g", { class: "grid" }, svg("line", { x1: m.l, x2: W - m.r, y1: Y(v), y2: Y(v) }), svg("text", { x: m.l - 6, y: Y(v) + 4, "text-anchor": "end" }, num(v, 0))));
    root.append(svg("text", { x: m.l, y: H - 6 }, pts[0].date), svg("text", { x: W - m.r, y: H - 6, "text-anchor": "end" }, pts[pts.length - 1].date));
    const tip = tooltip(fig);
    pts.forEach((p, i) => {
      if (p.lower !== undefined) root.append(svg("line", { x1: X(t[i]), x2: X(t[i]), y1: Y(p.lower), y2: Y(p.upper), stroke: "#9bb7e0", "stroke-width": 2 }));
      const c = svg("circle", { class: "point", cx: X(t[i]), cy: Y(p.rating), r: 3, tabindex: 0 });
      const show = () => tip.show(c, [el("strong", { text: p.date }), el("br"), `${p.key}: ${num(p.rating)}` + (p.lower !== undefined ? ` [${num(p.lower)}, ${num(p.upper)}]` : ""), el("br"), `rank ${p.rank} of ${p.of}`, el("br"), el("span", { class: "muted", text: p.source })]);
      c.addEventListener("mouseenter", show); c.addEventListener("focus", show); c.addEventListener("mouseleave", () => tip.hide()); c.addEventListener("blur", () => tip.hide());
      root.append(c);
    });
    fig.prepend(root);
    fig.append(el("figcaption", { text: `${board} board: score and 95 % interval at each snapshot (scores compare only within one date: anchors changed between eras)` }));
    return fig;
  }

  async function load() {
    let r;
    try { r = await api("/api/model/" + encodeURIComponent(id)); } catch (e) { showError(page, e); return; }
    freshness(r.data);
    document.getElementById("title").textContent = r.name;
    document.title = r.name + " · Parity";
    const c = r.catalog, body = [];
    if (c) {
      const a = c.architecture?.value;
      body.push(el("h2", { text: "Catalog facts" }), el("dl", { class: "kv", id: "facts" },
        ...fact("catalog id", c.id), ...fact("vendor", el("span", {}, flag(c.organization.value.country), " ", c.organization.value.name), c.organization.source),
        ...fact("open weights", c.openWeights ? openText(c.openWeights.value) : "unknown", c.openWeights?.source),
        ...fact("licence", c.licence?.value, c.licence?.source),
        ...fact("architecture", a ? `${a.kind}${a.experts ? " (" + a.experts + ")" : ""}, ${a.totalParamsB ?? "?"} B total, ${a.activeParamsB ?? "?"} B active` : "not published", c.architecture?.source),
        ...fact("context window", c.contextWindow ? c.contextWindow.value.toLocaleString("en-US") + " tokens" : null, c.contextWindow?.source),
        ...fact("released", c.released?.value, c.released?.source),
        ...fact("aliases", c.aliases.join(", ")),
        ...(c.training ? fact("training compute", c.training.trainingComputeFlop ? Number(c.training.trainingComputeFlop).toExponential(2) + " FLOP" : null, c.training.source) : []),
        ...(c.training ? fact("training cost (2023 USD)", c.training.costUsd2023 ? usd(c.training.costUsd2023) : null, c.training.source) : [])));
      if (c.disagreements?.length) body.push(el("h3", { text: "Where sources disagree" }), el("ul", {}, ...c.disagreements.map((d) => el("li", { text: `${d.field}: ${d.value} (${d.source?.name}) vs ${d.otherValue} (${d.otherSource?.name})` }))));
    } else body.push(el("p", { class: "note", text: "Not in Parity's catalog: only its leaderboard ratings are known." }));
    if (r.priceHistory?.length) {
      body.push(el("h2", { text: "Prices and their history (USD per million tokens)" }), el("div", { class: "table-wrap" }, el("table", { id: "prices" },
        el("thead", {}, el("tr", {}, ...["provider", "from", "input", "output", "cached input", "source"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, ...r.priceHistory.map((p) => el("tr", {}, el("td", { text: p.provider + (p.firstParty ? " (maker)" : "") }), el("td", { text: p.from || "listed" }),
          el("td", { class: "num", text: usd(p.input) }), el("td", { class: "num", text: usd(p.output) }), el("td", { class: "num", text: usd(p.cachedInput) }), el("td", { text: `${p.source}${p.sourceDate ? ", " + p.sourceDate : ""}` })))))));
    }
    body.push(el("h2", { text: "Rating history" }));
    for (const b of ["text", "text-style-control"]) { const f = ratingChart(r.ratings, b); if (f) body.push(f); }
    if (!r.ratings.length) body.push(el("p", { class: "note", text: "Not on any shipped leaderboard snapshot." }));
    page.replaceChildren(...body);
  }

  load();
  live(load);
})();
