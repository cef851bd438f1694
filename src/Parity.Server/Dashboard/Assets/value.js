// Value page: score vs blended price (log scale), the Pareto frontier, the cheapest model within N points, flagship ratios — /api/value.
"use strict";
(() => {
  const { el, svg, num, usd, api, params, setParams, freshness, live, showError, flag, modelLink, tooltip } = P;
  const page = document.getElementById("page");
  let state = { board: params().board || "text", asOf: params().asOf || "", within: params().within || "20" };
  const COLORS = { US: "#1f5fbf", CN: "#c0392b" };

  function scatter(v) {
    const W = 920, H = 380, m = { l: 50, r: 14, t: 12, b: 34 };
    const pts = v.priced, lx = (p) => Math.log10(p.blendedPrice);
    const x0 = Math.floor(Math.min(...pts.map(lx))), x1 = Math.ceil(Math.max(...pts.map(lx)));
    const y0 = Math.min(...pts.map((p) => p.rating)) - 10, y1 = Math.max(...pts.map((p) => p.rating)) + 10;
    const X = (p) => m.l + ((lx(p) - x0) / (x1 - x0 || 1)) * (W - m.l - m.r), Y = (r) => m.t + (1 - (r - y0) / (y1 - y0)) * (H - m.t - m.b);
    const fig = el("figure", { class: "chart", id: "value-chart" });
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "score against blended price, log scale" });
    for (let e = x0; e <= x1; e++) { const x = m.l + ((e - x0) / (x1 - x0 || 1)) * (W - m.l - m.r); root.append(svg("g", { class: "grid" }, svg("line", { x1: x, x2: x, y1: m.t, y2: H - m.b }), svg("text", { x, y: H - 16, "text-anchor": "middle" }, usd(Math.pow(10, e))))); }
    root.append(svg("text", { x: W / 2, y: H - 2, "text-anchor": "middle" }, "blended price, USD per million tokens (log scale)"));
    for (const r of P.ticks(y0, y1, 6)) root.append(svg("g", { class: "grid" }, svg("line", { x1: m.l, x2: W - m.r, y1: Y(r), y2: Y(r) }), svg("text", { x: m.l - 6, y: Y(r) + 4, "text-anchor": "end" }, num(r, 0))));
    const frontier = v.frontier.slice().sort((a, b) => a.blendedPrice - b.blendedPrice);
    root.append(svg("polyline", { class: "frontier", points: frontier.map((p) => `${X(p)},${Y(p.rating)}`).join(" ") }));
    const tip = tooltip(fig);
    for (const p of pts) {
      const c = svg("circle", { class: "point", cx: X(p), cy: Y(p.rating), r: 4, tabindex: 0, fill: COLORS[p.country] || "#6c6c6c", style: "fill:" + (COLORS[p.country] || "#6c6c6c"), "data-key": p.key });
      const show = () => tip.show(c, [el("strong", { text: p.name }), el("br"), `${p.organization || "?"} (${p.country || "?"}), score ${num(p.rating)}`, el("br"), `blended ${usd(p.blendedPrice)} (in ${usd(p.inputPrice)}, out ${usd(p.outputPrice)})`, el("br"), el("span", { class: "muted", text: `${p.priceSource}, ${p.priceDate || ""}` })]);
      c.addEventListener("mouseenter", show); c.addEventListener("focus", show); c.addEventListener("mouseleave", () => tip.hide()); c.addEventListener("blur", () => tip.hide());
      root.append(c);
    }
    fig.prepend(root);
    fig.append(el("div", { class: "legend" }, el("span", { style: "--c:" + COLORS.US, text: "US" }), el("span", { style: "--c:" + COLORS.CN, text: "China" }), el("span", { style: "--c:#6c6c6c", text: "elsewhere / unknown" }), "dashed: Pareto frontier (no model is both cheaper and better)"));
    return fig;
  }

  async function load() {
    let r;
    try { r = await api("/api/value", state); } catch (e) { showError(page, e); return; }
    freshness(r.data, `this view: ${r.board} snapshot ${r.asOf}`);
    const v = r.value;
    const board = el("select", { name: "board" }, ...["text", "text-style-control"].map((b) => el("option", { value: b, selected: b === r.board, text: b })));
    const asOf = el("select", { name: "asOf" }, el("option", { value: "", text: "newest" }), ...r.dates.map((d) => el("option", { value: d, selected: d === state.asOf, text: d })));
    const within = el("input", { type: "number", name: "within", id: "within", min: 0, max: 1000, step: "any", value: state.within });
    const form = el("form", { class: "controls", onsubmit: (e) => e.preventDefault() }, el("label", {}, "Board", board), el("label", {}, "As of", asOf), el("label", {}, "Within N points", within));
    form.addEventListener("change", () => { state = { board: board.value, asOf: asOf.value, within: within.value }; setParams(state); load(); });
    const cheapest = v.cheapestWithin
      ? el("p", { id: "cheapest" }, `The cheapest model within ${num(v.within, 0)} points of the best (${v.best.name}, ${num(v.best.rating)}): `, modelLink(v.cheapestWithin.key, v.cheapestWithin.name), ` at ${usd(v.cheapestWithin.blendedPrice)} blended, score ${num(v.cheapestWithin.rating)}.`)
      : el("p", { id: "cheapest", text: `No priced model within ${num(v.within, 0)} points of the best.` });
    page.replaceChildren(form, cheapest, scatter(v),
      el("p", { class: "note", text: `${v.pricedModels} of ${v.ratedModels} rated models have a list price; ${v.blend}.` }),
      el("h2", { text: "Flagship price ratios" }),
      el("div", { class: "table-wrap" }, el("table", { id: "ratios" }, el("thead", {}, el("tr", {}, ...["US flagship", "Chinese flagship", "price ratio", "score gap"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, ...v.flagshipRatios.map((x) => el("tr", {}, el("td", {}, flag(x.dearer.country), " ", x.dearer.name, ` (${usd(x.dearer.blendedPrice)})`), el("td", {}, flag(x.cheaper.country), " ", x.cheaper.name, ` (${usd(x.cheaper.blendedPrice)})`), el("td", { class: "num", text: num(x.ratio) + "×" }), el("td", { class: "num", text: num(x.ratingGap) })))))));
  }

  load();
  live(load);
})();
