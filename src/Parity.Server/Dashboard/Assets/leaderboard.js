// Leaderboard page: one snapshot's models, filtered and sorted by /api/leaderboard (the page only lays the rows out).
"use strict";
(() => {
  const { el, num, usd, api, params, setParams, freshness, live, showError, flag, modelLink, openText } = P;
  const page = document.getElementById("page");
  const FIELDS = ["board", "snapshot", "origin", "open", "vendor", "arch", "minPrice", "maxPrice", "q", "sort", "dir"];
  let query = Object.fromEntries(Object.entries(params()).filter(([k]) => FIELDS.includes(k)));
  const params0 = (v) => (v === undefined ? "" : v);

  const COLUMNS = [
    ["rank", "Rank", "num", (r) => r.rank],
    ["rankUpper", "Rank (UB)", "num", (r) => r.rankUpper],
    ["name", "Model", "", (r) => modelLink(r.catalogId || r.key, r.name)],
    ["rating", "Score", "num", (r) => num(r.rating)],
    ["lower", "95 % CI", "num", (r) => (r.lower !== undefined ? `${num(r.lower)} – ${num(r.upper)}` : "–")],
    ["votes", "Votes", "num", (r) => (r.votes !== undefined ? r.votes.toLocaleString("en-US") : "–")],
    ["country", "Origin", "", (r) => flag(r.country)],
    ["openWeights", "Weights", "", (r) => openText(r.openWeights)],
    ["organization", "Vendor", "", (r) => r.organization || "–"],
    ["architecture", "Arch.", "", (r) => r.architecture || "–"],
    ["totalParamsB", "Total B", "num", (r) => (r.totalParamsB !== undefined ? num(r.totalParamsB, 0) : "–")],
    ["activeParamsB", "Active B", "num", (r) => (r.activeParamsB !== undefined ? num(r.activeParamsB, 0) : "–")],
    ["blendedPrice", "Blended $/M", "num", (r) => usd(r.blendedPrice)],
    ["inputPrice", "Input $/M", "num", (r) => usd(r.inputPrice)],
    ["outputPrice", "Output $/M", "num", (r) => usd(r.outputPrice)],
    [null, "Price source", "", (r) => (r.priceSource ? `${r.priceSource}${r.priceDate ? ", " + r.priceDate : ""}` : "–")],
  ];

  function controls(r) {
    const sel = (name, label, options, value) =>
      el("label", {}, label, el("select", { name, id: "f-" + name }, ...options.map(([v, t]) => el("option", { value: v, selected: String(v) === String(params0(value)), text: t }))));
    const input = (name, label, type, value, extra = {}) => el("label", {}, label, el("input", { name, id: "f-" + name, type, value: params0(value), ...extra }));
    const form = el("form", { class: "controls", id: "filters", role: "search" },
      sel("board", "Board", [["text", "raw (text)"], ["text-style-control", "style control"]], r.board),
      sel("snapshot", "Snapshot", [["", "newest"], ...r.snapshots.map((d) => [d, d])], query.snapshot),
      sel("origin", "Origin", [["", "all"], ...r.countries.map((c) => [c, c]), ["unknown", "unknown"]], query.origin),
      sel("open", "Weights", [["", "all"], ["true", "open"], ["false", "closed"]], query.open),
      sel("vendor", "Vendor", [["", "all"], ...r.vendors.map((v) => [v, v])], query.vendor),
      sel("arch", "Architecture", [["", "all"], ["moe", "MoE"], ["dense", "dense"], ["unknown", "not published"]], query.arch),
      input("minPrice", "Min $/M (blended)", "number", query.minPrice, { min: 0, step: "any" }),
      input("maxPrice", "Max $/M (blended)", "number", query.maxPrice, { min: 0, step: "any" }),
      input("q", "Search", "search", query.q, { placeholder: "name, vendor…" }),
      el("a", { id: "csv", href: "/api/leaderboard.csv" + location.search, download: "leaderboard.csv", text: "Download CSV" }));
    const update = () => {
      const data = new FormData(form);
      const next = { sort: query.sort, dir: query.dir };
      for (const [k, v] of data.entries()) if (v !== "") next[k] = v;
      if (next.board !== r.board) delete next.snapshot;
      query = next;
      setParams(query);
      load();
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", (e) => { e.preventDefault(); update(); });
    let typing;
    form.querySelector("#f-q").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(update, 250); });
    return form;
  }

  function table(r) {
    const head = el("tr", {}, ...COLUMNS.map(([key, label, cls]) => {
      if (!key) return el("th", { scope: "col", text: label });
      const sorted = r.query.sort === key;
      return el("th", { scope: "col", class: cls, "aria-sort": sorted ? (r.query.dir === "desc" ? "descending" : "ascending") : "none" },
        el("button", { type: "button", "data-sort": key, onclick: () => {
          query = { ...query, sort: key, dir: sorted && r.query.dir === "asc" ? "desc" : sorted ? "asc" : undefined };
          if (!query.dir) delete query.dir;
          setParams(query); load(key);
        } }, label));
    }));
    const rows = r.rows.map((row) => el("tr", { tabindex: 0, "data-key": row.key }, ...COLUMNS.map(([key, , cls, cell]) => el("td", { class: cls, "data-col": key || "source" }, cell(row)))));
    const tbody = el("tbody", {}, ...rows);
    // Keyboard: arrows move between rows, Enter opens the model page.
    tbody.addEventListener("keydown", (e) => {
      const tr = e.target.closest("tr");
      if (!tr) return;
      if (e.key === "ArrowDown" && tr.nextElementSibling) { tr.nextElementSibling.focus(); e.preventDefault(); }
      if (e.key === "ArrowUp" && tr.previousElementSibling) { tr.previousElementSibling.focus(); e.preventDefault(); }
      if (e.key === "Enter" && e.target === tr) tr.querySelector("a").click();
    });
    return el("div", { class: "table-wrap" }, el("table", { id: "board-table" },
      el("caption", { class: "note", style: "caption-side:bottom;text-align:left;padding:.4rem" }, r.rankMethod + " Prices: " + r.priceMethod + ", the maker's own API list price (else the primary offer)."),
      el("thead", {}, head), tbody));
  }

  async function load(focusSort) {
    let r;
    try { r = await api("/api/leaderboard", query); } catch (e) { showError(page, e); return; }
    freshness(r.data, `this view: ${r.board} snapshot ${r.snapshot.date} (${r.snapshot.source}, ${r.snapshot.method})`);
    page.replaceChildren(controls(r), el("p", { id: "count", text: `${r.shown} of ${r.total} models` }), table(r));
    if (focusSort) page.querySelector(`button[data-sort="${focusSort}"]`)?.focus();
  }

  load();
  live(() => load());
})();
