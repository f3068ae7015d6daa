// @ts-check
// The plan graph (pages/graph.astro inlines this): draws graph.json's stated dependencies as SVG,
// every plan or one plan's neighbourhood (?focus=id), filtered by status (?status=a,b) and folder
// (?folder=f). Layered: a plan sits in a row below every plan it depends on, rows wrap at the
// drawing's width, so arrows point up to dependencies. Plan text reaches the page only through
// textContent and attributes, never as markup.
(() => {
  const form = document.getElementById("graph-tools");
  const canvas = document.getElementById("graph-canvas");
  const summary = document.getElementById("graph-summary");
  const focusInput = document.getElementById("graph-focus");
  const list = document.getElementById("graph-plans");
  const all = document.getElementById("graph-all");
  const folderSelect = document.getElementById("graph-folder");
  if (!(form instanceof HTMLFormElement) || !canvas || !summary || !list || !all) return;
  if (!(focusInput instanceof HTMLInputElement)) return;
  const SVG = "http://www.w3.org/2000/svg";
  // Node boxes grow from minW to maxW with the room there is; labels are cut to fit the box.
  const NODE = { minW: 156, maxW: 250, h: 34, gapX: 14, gapY: 46, pad: 10, charWidth: 6.8 };

  /** @typedef {{ i: number, id: string, title: string, status: string, label: string, folder: string, href: string, deps: number[], users: number[] }} GraphPlan */
  /** @typedef {{ statuses: { value: string, label: string }[], folders: string[], plans: [string, string, number, number, string][], edges: [number, number][] }} GraphData */

  const params = new URLSearchParams(location.search);
  const state = {
    focus: params.get("focus") ?? "",
    statuses: new Set((params.get("status") ?? "").split(",").filter(Boolean)),
    folder: params.get("folder") ?? "",
  };
  const boxes = [...form.querySelectorAll('input[name="status"]')].filter(
    (b) => b instanceof HTMLInputElement,
  );
  if (state.statuses.size) for (const b of boxes) b.checked = state.statuses.has(b.value);
  if (folderSelect instanceof HTMLSelectElement) folderSelect.value = state.folder;

  /** @param {string} name @param {Record<string, string>} attrs */
  const svgEl = (name, attrs = {}) => {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  };

  /** @param {GraphData} data @returns {GraphPlan[]} */
  const readPlans = (data) => {
    /** @type {GraphPlan[]} */
    const plans = data.plans.map(([id, title, s, f, href], i) => ({
      i,
      id,
      title,
      status: data.statuses[s]?.value ?? "draft",
      label: data.statuses[s]?.label ?? "",
      folder: data.folders[f] ?? "",
      href,
      deps: [],
      users: [],
    }));
    for (const [a, b] of data.edges) {
      plans[a]?.deps.push(b);
      plans[b]?.users.push(a);
    }
    return plans;
  };

  /** Rows of the layered drawing: a plan's layer is one more than its deepest dependency's. */
  const layers = (/** @type {GraphPlan[]} */ nodes, /** @type {Map<number, number[]>} */ deps) => {
    /** @type {Map<number, number>} */
    const layer = new Map();
    const onPath = new Set();
    /** @param {number} i @returns {number} */
    const depth = (i) => {
      const known = layer.get(i);
      if (known !== undefined) return known;
      if (onPath.has(i)) return 0; // a cycle: the back edge is drawn, not layered
      onPath.add(i);
      const d = Math.max(-1, ...(deps.get(i) ?? []).map(depth)) + 1;
      onPath.delete(i);
      layer.set(i, d);
      return d;
    };
    /** @type {GraphPlan[][]} */
    const rows = [];
    for (const n of nodes) (rows[depth(n.i)] ??= []).push(n);
    return rows.filter(Boolean);
  };

  /** Positions by plan index: rows wrap at `columns`, each ordered by its dependencies' places. */
  const layout = (/** @type {GraphPlan[]} */ nodes, /** @type {[number, number][]} */ edges) => {
    /** @type {Map<number, number[]>} */
    const deps = new Map(nodes.map((n) => [n.i, []]));
    for (const [a, b] of edges) deps.get(a)?.push(b);
    const rows = layers(nodes, deps);
    // The canvas is hidden while empty: its parent's width is the room there is.
    const room = (canvas.parentElement?.clientWidth ?? 960) - 2 - NODE.pad * 2 + NODE.gapX;
    const widest = Math.max(1, ...rows.map((r) => r.length));
    const columns = Math.max(1, Math.min(widest, Math.floor(room / (NODE.minW + NODE.gapX))));
    const w = Math.max(NODE.minW, Math.min(NODE.maxW, Math.floor(room / columns) - NODE.gapX));
    /** @type {Map<number, { x: number, y: number }>} */
    const at = new Map();
    let y = NODE.pad;
    for (const row of rows) {
      const place = (/** @type {GraphPlan} */ n) => {
        const xs = (deps.get(n.i) ?? []).map((d) => at.get(d)?.x).filter((x) => x !== undefined);
        return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Infinity;
      };
      const ordered = row
        .map((n) => ({ n, key: place(n) }))
        .sort((a, b) => a.key - b.key || a.n.i - b.n.i);
      ordered.forEach(({ n }, k) => {
        if (k > 0 && k % columns === 0) y += NODE.h + NODE.gapY;
        at.set(n.i, { x: NODE.pad + (k % columns) * (w + NODE.gapX), y });
      });
      y += NODE.h + NODE.gapY;
    }
    const width = NODE.pad * 2 + columns * (w + NODE.gapX) - NODE.gapX;
    return { at, w, width, height: y - NODE.gapY + NODE.pad };
  };

  /** @param {string} text @param {number} w */
  const short = (text, w) => {
    const chars = Math.floor((w - 16) / NODE.charWidth);
    return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
  };

  /** One plan: a link to its page, coloured by status. */
  const drawNode = (
    /** @type {GraphPlan} */ n,
    /** @type {{ x: number, y: number }} */ p,
    /** @type {number} */ w,
  ) => {
    const link = svgEl("a", {
      href: n.href,
      class: `graph-node ${n.status}${n.id === state.focus ? " is-focus" : ""}`,
      "data-id": n.id,
    });
    // The whole title is the link's name (SVG's <title>) and tooltip; the box shows its start.
    const title = svgEl("title");
    title.textContent = `${n.title} (${n.label})`;
    const box = svgEl("rect", {
      x: String(p.x),
      y: String(p.y),
      width: String(w),
      height: String(NODE.h),
      rx: "6",
    });
    const text = svgEl("text", { x: String(p.x + 8), y: String(p.y + NODE.h / 2 + 4) });
    text.textContent = short(n.title, w);
    link.append(title, box, text);
    return link;
  };

  /** An arrow from plan `a` (below) up to its dependency `b`. */
  const drawEdge = (
    /** @type {{ x: number, y: number }} */ a,
    /** @type {{ x: number, y: number }} */ b,
    /** @type {number} */ w,
  ) => {
    const x1 = a.x + w / 2;
    const x2 = b.x + w / 2;
    const y1 = a.y;
    const y2 = b.y + NODE.h;
    const bend = Math.max(24, Math.abs(y1 - y2) / 3);
    return svgEl("path", {
      d: `M${x1} ${y1} C${x1} ${y1 - bend} ${x2} ${y2 + bend} ${x2} ${y2 + 4}`,
      class: "graph-edge",
      "marker-end": "url(#graph-arrow)",
    });
  };

  /** The plans and dependencies in view: the focus's neighbourhood, or every connected plan. */
  const inView = (/** @type {GraphPlan[]} */ plans, /** @type {Map<string, GraphPlan>} */ byId) => {
    /** @param {GraphPlan} p */
    const keep = (p) =>
      (state.statuses.size === 0 || state.statuses.has(p.status)) &&
      (!state.folder || p.folder === state.folder);
    const focus = byId.get(state.focus);
    if (focus) {
      /** @param {number[]} ids */
      const kept = (ids) => ids.flatMap((i) => (plans[i] && keep(plans[i]) ? [plans[i]] : []));
      const deps = kept(focus.deps);
      const users = kept(focus.users);
      const nodes = [...new Set([focus, ...deps, ...users])];
      /** @type {[number, number][]} */
      const edges = [
        ...deps.map((d) => /** @type {[number, number]} */ ([focus.i, d.i])),
        ...users.map((u) => /** @type {[number, number]} */ ([u.i, focus.i])),
      ];
      return { focus, nodes, edges, deps: deps.length, users: users.length };
    }
    const nodes = plans.filter((p) => (p.deps.length > 0 || p.users.length > 0) && keep(p));
    const shown = new Set(nodes.map((n) => n.i));
    /** @type {[number, number][]} */
    const edges = [];
    for (const n of nodes) for (const d of n.deps) if (shown.has(d)) edges.push([n.i, d]);
    return { focus: undefined, nodes, edges, deps: 0, users: 0 };
  };

  /** Highlights a plan's arrows while it is pointed at or focused. */
  const highlight = (/** @type {SVGSVGElement} */ svg) => {
    /** @type {Map<string, Element[]>} */
    const byPlan = new Map();
    for (const edge of svg.querySelectorAll(".graph-edge"))
      for (const end of [edge.getAttribute("data-from"), edge.getAttribute("data-to")])
        if (end) byPlan.set(end, [...(byPlan.get(end) ?? []), edge]);
    /** @type {Element[]} */
    let lit = [];
    /** @param {Event} e */
    const on = (e) => {
      const node = e.target instanceof Element ? e.target.closest(".graph-node") : null;
      const next = byPlan.get(node?.getAttribute("data-id") ?? "") ?? [];
      if (next === lit) return;
      for (const edge of lit) edge.classList.remove("hl");
      for (const edge of next) edge.classList.add("hl");
      svg.classList.toggle("highlighting", !!node);
      lit = next;
    };
    svg.addEventListener("mouseover", on);
    svg.addEventListener("focusin", on);
    svg.addEventListener("mouseleave", on);
  };

  /** @param {GraphPlan[]} plans @param {Map<string, GraphPlan>} byId @param {number} total */
  const render = (plans, byId, total) => {
    const view = inView(plans, byId);
    const { at, w, width, height } = layout(view.nodes, view.edges);
    const svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", {
        width: String(width),
        height: String(height),
        viewBox: `0 0 ${width} ${height}`,
        class: "graph-drawing",
        role: "group",
      })
    );
    svg.setAttribute("aria-label", summaryText(view, total));
    const defs = svgEl("defs");
    const marker = svgEl("marker", {
      id: "graph-arrow",
      viewBox: "0 0 10 10",
      refX: "8",
      refY: "5",
      markerWidth: "7",
      markerHeight: "7",
      orient: "auto-start-reverse",
    });
    marker.append(svgEl("path", { d: "M0 0L10 5L0 10z", class: "graph-arrow" }));
    defs.append(marker);
    const edges = svgEl("g", { class: "graph-edges" });
    for (const [a, b] of view.edges) {
      const from = at.get(a);
      const to = at.get(b);
      if (!from || !to) continue;
      const path = drawEdge(from, to, w);
      path.setAttribute("data-from", plans[a]?.id ?? "");
      path.setAttribute("data-to", plans[b]?.id ?? "");
      edges.append(path);
    }
    const nodes = svgEl("g", { class: "graph-nodes" });
    for (const n of view.nodes) {
      const p = at.get(n.i);
      if (p) nodes.append(drawNode(n, p, w));
    }
    svg.append(defs, edges, nodes);
    highlight(svg);
    canvas.replaceChildren(svg);
    canvas.dataset["plans"] = String(view.nodes.length);
    summary.textContent = summaryText(view, total);
  };

  /** @param {ReturnType<typeof inView>} view @param {number} total */
  const summaryText = (view, total) =>
    view.focus
      ? `Neighbourhood of “${view.focus.title}”: ${view.deps} plan${view.deps === 1 ? "" : "s"} it depends on, ${view.users} that depend${view.users === 1 ? "s" : ""} on it. Click a plan to open it.`
      : `${view.nodes.length} of ${total} connected plans and ${view.edges.length} ${view.edges.length === 1 ? "dependency" : "dependencies"}. Click a plan to open it.`;

  const writeUrl = () => {
    const next = new URLSearchParams();
    if (state.focus) next.set("focus", state.focus);
    const checked = boxes.filter((b) => b.checked).map((b) => b.value);
    if (checked.length < boxes.length) next.set("status", checked.join(",") || "none");
    if (state.folder) next.set("folder", state.folder);
    const query = next.toString();
    history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
  };

  /** @param {GraphData} data */
  const start = (data) => {
    const plans = readPlans(data);
    const byId = new Map(plans.map((p) => [p.id, p]));
    const total = plans.filter((p) => p.deps.length > 0 || p.users.length > 0).length;
    for (const p of plans) {
      const option = document.createElement("option");
      option.value = p.id;
      option.label = p.title;
      list.append(option);
    }
    focusInput.value = byId.has(state.focus) ? state.focus : "";
    if (!byId.has(state.focus)) state.focus = "";
    const update = () => {
      state.statuses = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
      if (state.statuses.size === boxes.length) state.statuses.clear();
      else if (state.statuses.size === 0) state.statuses.add("none");
      if (folderSelect instanceof HTMLSelectElement) state.folder = folderSelect.value;
      writeUrl();
      render(plans, byId, total);
    };
    /** The plan the focus box names: an id, else the first title that contains the text. */
    const named = () => {
      const text = focusInput.value.trim().toLowerCase();
      if (!text) return "";
      return (
        plans.find((p) => p.id.toLowerCase() === text)?.id ??
        plans.find((p) => p.title.toLowerCase().includes(text))?.id ??
        ""
      );
    };
    form.addEventListener("change", (e) => {
      if (e.target !== focusInput) update();
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      state.focus = named();
      if (state.focus) focusInput.value = state.focus;
      update();
    });
    all.addEventListener("click", () => {
      state.focus = "";
      focusInput.value = "";
      update();
    });
    form.hidden = false;
    update();
    if (state.focus) form.scrollIntoView({ block: "start" });
  };

  const source = form.dataset["graph"];
  if (!source) return;
  fetch(source)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then(start)
    .catch(() => {
      summary.textContent =
        "The drawing could not be loaded; the table below lists every dependency.";
    });
})();
