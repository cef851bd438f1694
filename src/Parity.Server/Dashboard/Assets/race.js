// Race page: standing, gap series with 95 % bands and holes, trends and months behind — all from /api/race.
"use strict";
(() => {
  const { el, svg, num, signed, pct, api, params, setParams, freshness, live, showError, flag, modelLink, tooltip, ticks, sourceLink } = P;
  const page = document.getElementById("page");
  let state = { board: params().board || "text", asOf: params().asOf || "" };

  function gapChart(section, id) {
    const W = 920, H = 300, m = { l: 46, r: 14, t: 12, b: 26 };
    const pts = section.points;
    const fig = el("figure", { class: "chart", id: "chart-" + id });
    if (pts.length === 0) { fig.append(el("p", { class: "note", text: "No snapshot has a model of both groups." })); return fig; }
    const t = pts.map((p) => Date.parse(p.date));
    const t0 = Math.min(...t), t1 = Math.max(...t);
    const lows = pts.map((p) => p.lower ?? p.gap), highs = pts.map((p) => p.upper ?? p.gap);
    const y0 = Math.min(0, ...lows) - 5, y1 = Math.max(0, ...highs) + 5;
    const X = (v) => m.l + (t1 === t0 ? 0.5 : (v - t0) / (t1 - t0)) * (W - m.l - m.r);
    const Y = (v) => m.t + (1 - (v - y0) / (y1 - y0)) * (H - m.t - m.b);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${section.firstGroup} minus ${section.secondGroup}, rating points, by snapshot date` });
    const grid = svg("g", { class: "grid" });
    for (const v of ticks(y0, y1, 6)) { grid.append(svg("line", { x1: m.l, x2: W - m.r, y1: Y(v), y2: Y(v) }), svg("text", { x: m.l - 6, y: Y(v) + 4, "text-anchor": "end" }, num(v, 0))); }
    const y = new Date(t0).getUTCFullYear(), yEnd = new Date(t1).getUTCFullYear();
    for (let yr = y; yr <= yEnd + 1; yr++) for (const mo of [0, 6]) {
      const v = Date.UTC(yr, mo, 1);
      if (v < t0 || v > t1) continue;
      grid.append(svg("line", { x1: X(v), x2: X(v), y1: m.t, y2: H - m.b }), svg("text", { x: X(v), y: H - 8, "text-anchor": "middle" }, `${yr}-${mo === 0 ? "01" : "07"}`));
    }
    root.append(grid);
    for (const h of section.holes) {
      const r = svg("rect", { class: "hole", x: X(Date.parse(h.from)), y: m.t, width: Math.max(1, X(Date.parse(h.to)) - X(Date.parse(h.from))), height: H - m.t - m.b });
      r.append(svg("title", {}, `hole ${h.from} → ${h.to} (${h.days} days): ${h.reason}`));
      root.append(r);
    }
    root.append(svg("line", { class: "zero", x1: m.l, x2: W - m.r, y1: Y(0), y2: Y(0) }));
    // Runs between holes: the line and band are not drawn across a stretch without data.
    const holeStarts = new Set(section.holes.map((h) => h.from));
    const runs = [[]];
    pts.forEach((p) => { runs[runs.length - 1].push(p); if (holeStarts.has(p.date)) runs.push([]); });
    for (const run of runs.filter((r) => r.length)) {
      const banded = run.filter((p) => p.lower !== undefined && p.lower !== null);
      if (banded.length > 1) {
        const up = banded.map((p) => `${X(Date.parse(p.date))},${Y(p.upper)}`), down = banded.slice().reverse().map((p) => `${X(Date.parse(p.date))},${Y(p.lower)}`);
        root.append(svg("polygon", { class: "band", points: up.concat(down).join(" ") }));
      }
      root.append(svg("polyline", { class: "series", points: run.map((p) => `${X(Date.parse(p.date))},${Y(p.gap)}`).join(" ") }));
    }
    const tip = tooltip(fig);
    pts.forEach((p, i) => {
      const c = svg("circle", { class: "point", cx: X(t[i]), cy: Y(p.gap), r: 3.2, tabindex: 0, "data-date": p.date, "aria-label": `${p.date}: gap ${num(p.gap)}` });
      const show = () => tip.show(c, [
        el("strong", { text: p.date }), el("br"),
        `${section.firstGroup}: ${p.firstModel} ${num(p.firstScore)}`, el("br"),
        `${section.secondGroup}: ${p.secondModel} ${num(p.secondScore)}`, el("br"),
        `gap ${signed(p.gap)}` + (p.lower !== undefined && p.lower !== null ? ` [${num(p.lower)}, ${num(p.upper)}]` : " (no interval published)"), el("br"),
        `head-to-head win probability ${pct(p.winProbability)}`, el("br"),
        el("span", { class: "muted", text: "source: " + p.source }),
      ]);
      c.addEventListener("mouseenter", show); c.addEventListener("focus", show);
      c.addEventListener("mouseleave", () => tip.hide()); c.addEventListener("blur", () => tip.hide());
      root.append(c);
    });
    fig.prepend(root);
    return fig;
  }

  const trendText = (tr, label) => tr
    ? `${label}: ${signed(tr.slopePerMonth, 2)} points/month [${signed(tr.lower, 2)}, ${signed(tr.upper, 2)}], P(closing) ${pct(tr.probabilityShrinking)} (${tr.months} monthly points, ${tr.from} → ${tr.to})`
    : `${label}: too few points for a trend`;

  function headToHead(h, id) {
    if (!h) return el("div", { class: "card", text: "No model of one of the groups on this snapshot." });
    return el("div", { class: "card", id: "standing-" + id },
      el("div", { class: "muted", text: `best ${h.firstGroup} vs best ${h.secondGroup}` }),
      el("div", { class: "big", "data-gap": h.gap }, signed(h.gap), el("span", { class: "muted", style: "font-size:.9rem" }, " points")),
      el("div", { text: h.lower !== undefined && h.lower !== null ? `95 % band [${num(h.lower)}, ${num(h.upper)}]` : "no published interval" }),
      el("div", { text: `win probability ${pct(h.winProbability)}` }),
      el("div", {}, flag(h.first.country), " ", modelLink(h.first.key, h.first.name), ` ${num(h.first.rating)}`),
      el("div", {}, flag(h.second.country), " ", modelLink(h.second.key, h.second.name), ` ${num(h.second.rating)}`));
  }

  function lagText(lag, leading, trailing) {
    if (!lag) return `${trailing}: no lag figure on this snapshot.`;
    if (!lag.reacher) return `No ${leading} model rates at least ${lag.target.name}'s ${num(lag.target.rating)}: ${trailing} is not behind on this snapshot.`;
    return `${trailing} trails by ${num(lag.months)} months [${num(lag.monthsLow)}, ${num(lag.monthsHigh)}]: ${lag.reacher.name} (first seen ${lag.reachedOn}) already rates at least ${lag.target.name}'s ${num(lag.target.rating)}` + (lag.censored ? " — it was on the first snapshot, so the lag is at least this." : ".");
  }

  async function load() {
    let r;
    try { r = await api("/api/race", { board: state.board, asOf: state.asOf }); } catch (e) { showError(page, e); return; }
    freshness(r.data, `this view: ${r.board} board as of ${r.asOf} (${r.snapshot.source})`);
    const board = el("select", { id: "board", name: "board" }, ...r.boards.map((b) => el("option", { value: b, selected: b === r.board, text: b === "text" ? "raw (text)" : "style control" })));
    const asOf = el("select", { id: "asOf", name: "asOf" }, el("option", { value: "", text: "newest" }), ...r.dates.slice().reverse().map((d) => el("option", { value: d, selected: d === state.asOf, text: d })));
    const onChange = () => { state = { board: board.value, asOf: asOf.value }; setParams(state); load(); };
    board.addEventListener("change", () => { asOf.value = ""; onChange(); });
    asOf.addEventListener("change", onChange);
    const body = [
      el("form", { class: "controls", onsubmit: (e) => e.preventDefault() }, el("label", {}, "Board", board), el("label", {}, "As of", asOf)),
      el("div", { class: "cards" }, headToHead(r.usChina, "us-china"), headToHead(r.closedOpen, "closed-open")),
      el("h2", { text: "Months behind" }),
      el("p", { id: "lag-china", text: lagText(r.chinaLag, "US", "China") }),
      el("p", { id: "lag-open", text: lagText(r.openLag, "closed-weights", "Open weights") }),
      el("p", { class: "note", text: r.lagMethod }),
    ];
    for (const s of r.series) {
      body.push(el("h2", { text: "Gap over time: " + s.title }), gapChart(s.section, s.id),
        el("p", { class: "trend", id: "trend-" + s.id }, trendText(s.section.trend, "whole series"), el("br"), trendText(s.section.trendLast12Months, "last 12 months")));
      if (s.note) body.push(el("p", { class: "note", text: s.note }));
    }
    body.push(el("p", { class: "note", text: "Band: gap ± 1.96·√(se₁² + se₂²) from the two models' published 95 % intervals. Shaded stretches are holes in the history (hover for why). " + r.trendMethod }));
    body.push(el("h2", { text: "Sources" }), el("ul", {}, ...r.sources.map((s) => el("li", {}, sourceLink(s)))));
    page.replaceChildren(...body);
  }

  load();
  live(load);
})();
