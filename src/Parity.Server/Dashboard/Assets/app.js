// Parity dashboard: shared helpers. Every number shown comes from the /api/ answer; this file only formats and draws.
"use strict";
const P = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  };
  const svg = (tag, attrs = {}, ...children) => {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  };
  const num = (x, d = 1) => x === null || x === undefined ? "–" : Number(x).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const signed = (x, d = 1) => x === null || x === undefined ? "–" : (x > 0 ? "+" : x < 0 ? "−" : "") + num(Math.abs(x), d);
  // Dollars: whole above $100, cents above $1, tenths of a cent above a cent, and two significant digits below (a spend of
  // $0.00034 is not shown as $0.000).
  const usd = (x) => x === null || x === undefined ? "–" : "$" + (x >= 100 ? num(x, 0) : x >= 1 ? num(x, 2) : x >= 0.01 || x <= 0 ? num(x, 3) : num(x, Math.min(8, 1 - Math.floor(Math.log10(x)))));
  const pct = (x, d = 0) => x === null || x === undefined ? "–" : num(100 * x, d) + " %";
  // Whole days since the date (UTC): a snapshot dated today is 0 days old all day, not 1 from noon on.
  const days = (date) => Math.floor((Date.now() - Date.parse(date + (date.length === 10 ? "T00:00:00Z" : ""))) / 86400000);
  const age = (date) => { const n = days(date); return `${n} ${n === 1 ? "day" : "days"} old`; };

  class ApiError extends Error { constructor(message, parameter, status) { super(message); this.parameter = parameter; this.status = status; } }

  async function api(path, params) {
    const qs = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== "")).toString() : "";
    const res = await fetch(path + (qs ? "?" + qs : ""), { headers: { accept: "application/json" } });
    const body = await res.json();
    if (!res.ok) throw new ApiError(body.error || res.statusText, body.parameter, res.status);
    return body;
  }

  // The page's own query string, and writing the controls back into it (shareable addresses).
  const params = () => Object.fromEntries(new URLSearchParams(location.search));
  function setParams(obj) {
    const qs = new URLSearchParams(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined && v !== "")).toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  let loadedVersion = null;
  // How old the data are: the snapshot and price dates the engine reports, and when the server read the store.
  function freshness(data, extra) {
    loadedVersion = data.version;
    const box = document.getElementById("freshness");
    if (!box) return;
    const parts = Object.entries(data.boards || {}).map(([b, s]) => `${b} board: snapshot ${s.newest} (${age(s.newest)})`);
    if (data.prices) parts.push(`prices: ${data.prices.label} of ${data.prices.sourceDate}`);
    if (extra) parts.push(extra);
    parts.push(`store read ${new Date(data.loadedAt).toISOString().slice(0, 19).replace("T", " ")} UTC (version ${data.version})`);
    box.textContent = "Data: " + parts.join(" · ");
  }

  // Live pages: a cheap /api/version poll; when the store changed, the page loads its data again.
  function live(reload, everyMs = 2000) {
    let busy = false;
    setInterval(async () => {
      if (busy || document.hidden) return;
      busy = true;
      try {
        const v = await api("/api/version");
        if (loadedVersion !== null && v.version !== loadedVersion) {
          await reload();
          const box = document.getElementById("freshness");
          if (box) box.classList.add("changed");
        }
      } catch (e) { /* the server restarting: try again next tick */ } finally { busy = false; }
    }, everyMs);
  }

  function showError(where, e) {
    const box = typeof where === "string" ? document.getElementById(where) : where;
    box.replaceChildren(el("p", { class: "error", role: "alert", text: e.parameter ? `Parameter ${e.parameter}: ${e.message}` : e.message }));
  }

  const flag = (country) => el("span", { class: "flag " + (country || ""), title: country ? "origin " + country : "origin unknown", text: country || "?" });
  const modelLink = (key, name) => el("a", { href: "/model/" + encodeURIComponent(key), text: name || key });
  const openText = (o) => o === true ? "open" : o === false ? "closed" : "?";
  function sourceLink(source) {
    if (!source) return "";
    if (/^https?:\/\//.test(source)) return el("a", { href: source, rel: "noopener", text: source });
    const m = /^([\w.-]+\/[\w.-]+):/.exec(source);
    return m ? el("span", {}, el("a", { href: "https://github.com/" + m[1], rel: "noopener", text: m[1] }), source.slice(m[1].length)) : source;
  }

  // Tooltip for charts: one per figure, placed beside the pointer or the focused point.
  function tooltip(figure) {
    const tip = el("div", { class: "tooltip", role: "status", hidden: true });
    figure.append(tip);
    return {
      show(target, nodes) {
        tip.replaceChildren(...nodes);
        tip.hidden = false;
        const f = figure.getBoundingClientRect(), t = target.getBoundingClientRect();
        const left = Math.min(t.left - f.left + 12, f.width - tip.offsetWidth - 4);
        tip.style.left = Math.max(0, left) + "px";
        tip.style.top = Math.max(0, t.top - f.top - tip.offsetHeight - 8) + "px";
      },
      hide() { tip.hidden = true; },
    };
  }

  const ticks = (lo, hi, n = 5) => {
    const span = hi - lo || 1, step0 = span / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(+v.toFixed(10));
    return out;
  };

  return { el, svg, num, signed, usd, pct, days, api, params, setParams, freshness, live, showError, flag, modelLink, openText, sourceLink, tooltip, ticks, ApiError };
})();
