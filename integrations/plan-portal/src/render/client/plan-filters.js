// @ts-check
// The plan index's filters (components/PlanIndex.astro inlines this). The server pages show 100
// plans each, with CSS-only status chips and sort; this script loads the compact JSON of every plan
// (plans-index.json) on the first change and then filters, sorts, groups and pages all of them
// itself, rendering one page of rows at a time so a keystroke costs the same at 12 or 1,000 plans.
(() => {
  const form = document.getElementById("plan-filters");
  const table = document.getElementById("plans-table");
  const tbody = document.querySelector("#plans-table tbody");
  const more = document.getElementById("more-filters");
  const count = document.getElementById("plans-count");
  const pager = document.getElementById("plans-pager");
  if (!(form instanceof HTMLFormElement) || !(tbody instanceof HTMLTableSectionElement)) return;
  if (!table || !more || !count || !pager) return;
  const PAGE = 100;
  /** Default direction of each sort: 1 ascending, -1 descending. */
  /** @type {Record<string, number>} */
  const DIRECTION = {
    number: 1,
    title: 1,
    status: 1,
    owner: 1,
    phase: 1,
    score: 1,
    coverage: 1,
    questions: -1,
    risks: -1,
    progress: 1,
    changed: -1,
    repository: 1,
  };
  const CHIP_SORTS = ["number", "score", "questions", "risks", "progress", "changed"];
  const FIELDS = ["q", "owner", "phase", "coverage", "group", "repository"];
  const CHECKS = ["overdue", "blockers", "stale"];
  more.hidden = false;
  document.body.classList.add("js-sorted");

  /** @typedef {{ i: string, t: string, s: string, sc: number, o: number[], ph: string, pt: string, f: number, c: number[] | null, q: number, qo: number, r: number, b: number, od: number, st: number, p: number[] | null, ch: string | null, rp?: number, n: number, lower?: string }} Plan */
  /** @typedef {{ owners: string[][], folders: string[], repositories?: string[], plans: Plan[], statusLabels: Record<string, string> }} Index */
  /** @type {Index | null} */
  let data = null;
  /** @type {Promise<void> | null} */
  let loading = null;
  const load = () =>
    (loading ??= fetch(form.dataset["index"] ?? "")
      .then((r) => r.json())
      .then((/** @type {Index} */ json) => {
        json.plans.forEach((p, n) => {
          p.n = n;
          p.lower = `${p.t}\n${p.i}`.toLowerCase();
        });
        data = json;
      }));

  /** @param {string} name */
  const control = (name) => form.elements.namedItem(name);
  /** @param {string} name */
  const value = (name) => {
    const c = control(name);
    if (c instanceof RadioNodeList) return c.value;
    if (c instanceof HTMLInputElement && c.type === "checkbox") return c.checked ? "1" : "";
    return c instanceof HTMLInputElement || c instanceof HTMLSelectElement ? c.value : "";
  };
  /** @param {string} name @param {string} v */
  const setValue = (name, v) => {
    const c = control(name);
    if (c instanceof RadioNodeList) c.value = v;
    else if (c instanceof HTMLInputElement && c.type === "checkbox") c.checked = v === "1";
    else if (c instanceof HTMLInputElement || c instanceof HTMLSelectElement) c.value = v;
  };

  // State: the form's controls plus the column sort and the page, all mirrored in the URL.
  const params = new URLSearchParams(location.search);
  for (const name of ["status", "sort", ...FIELDS, ...CHECKS]) {
    const v = params.get(name);
    if (v !== null) setValue(name, v);
  }
  let sort = params.get("sort") ?? "number";
  let direction = Number(params.get("dir") ?? DIRECTION[sort] ?? 1) < 0 ? -1 : 1;
  let page = Math.max(1, Number(params.get("page")) || 1);
  if (!(sort in DIRECTION)) sort = "number";

  // Column headers become sort buttons (aria-sort on the sorted one).
  const headers = [...table.querySelectorAll("th[data-sort]")];
  for (const th of headers) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = th.textContent?.trim() ?? "";
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", () => {
      const key = th.getAttribute("data-sort") ?? "number";
      direction = key === sort ? -direction : (DIRECTION[key] ?? 1);
      sort = key;
      page = 1;
      apply();
    });
  }
  const markHeaders = () => {
    for (const th of headers) {
      if (th.getAttribute("data-sort") === sort)
        th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
    const chip = CHIP_SORTS.includes(sort) && direction === DIRECTION[sort] ? sort : "";
    for (const input of form.querySelectorAll('input[name="sort"]'))
      if (input instanceof HTMLInputElement) input.checked = input.value === chip;
  };

  /** @param {Index} index @param {Plan} p @param {string} key */
  const sortValue = (index, p, key) => {
    if (key === "title") return p.t.toLowerCase();
    if (key === "status") return Object.keys(index.statusLabels).indexOf(p.s);
    if (key === "owner")
      return p.o.length ? (index.owners[p.o[0] ?? 0]?.[1] ?? "").toLowerCase() : "\uffff";
    if (key === "phase")
      return p.ph === "Done"
        ? "\ufffe"
        : p.ph
          ? p.ph.replace(/\d+/, (d) => d.padStart(4, "0"))
          : "\uffff";
    if (key === "score") return p.sc;
    if (key === "coverage") return p.c && p.c[1] ? (p.c[0] ?? 0) / p.c[1] : 2;
    if (key === "questions") return p.q;
    if (key === "risks") return p.r;
    if (key === "progress") return p.p && p.p[1] ? (p.p[0] ?? 0) / p.p[1] : -1;
    if (key === "changed") return p.ch ? Date.parse(p.ch) : 0;
    if (key === "repository") return repositoryOf(index, p);
    return p.n;
  };
  // Only over several repositories (`sources`): the JSON then lists them and each plan's `rp`.
  const repositoryOf = (/** @type {Index} */ index, /** @type {Plan} */ p) =>
    index.repositories?.[p.rp ?? -1] ?? "";
  /** @param {string | number} a @param {string | number} b */
  const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  /** The plans the filters keep, sorted, each with the group it is listed under. */
  const select = (/** @type {Index} */ index) => {
    const status = value("status") || "all";
    const q = value("q").trim().toLowerCase();
    const owner = value("owner");
    const phase = value("phase") || "*";
    const coverage = value("coverage");
    const ownerAt = index.owners.findIndex((o) => o[0] === owner);
    const overdue = value("overdue") === "1";
    const blockers = value("blockers") === "1";
    const stale = value("stale") === "1";
    const repository = value("repository");
    const kept = index.plans.filter(
      (p) =>
        (status === "all" || p.s === status) &&
        (!q || (p.lower ?? "").includes(q)) &&
        (!owner || p.o.includes(ownerAt)) &&
        (phase === "*" || p.ph === phase) &&
        (!coverage ||
          (coverage === "none"
            ? p.c === null
            : p.c !== null && (coverage === "full") === (p.c[0] === p.c[1]))) &&
        (!overdue || p.od === 1) &&
        (!blockers || p.b > 0) &&
        (!stale || p.st === 1) &&
        (!repository || repositoryOf(index, p) === repository),
    );
    // The JSON is in plan order already: sorting by number is no work.
    if (sort !== "number" || direction < 0) {
      const keys = new Map(kept.map((p) => [p, sortValue(index, p, sort)]));
      kept.sort((a, b) => direction * compare(keys.get(a) ?? 0, keys.get(b) ?? 0) || a.n - b.n);
    }
    return { kept, listed: grouped(index, kept) };
  };

  /** [group label or null, plan] in display order; by owner a plan is listed under each owner. */
  const grouped = (/** @type {Index} */ index, /** @type {Plan[]} */ plans) => {
    const by = value("group");
    if (!by) return plans.map((p) => /** @type {[string | null, Plan]} */ ([null, p]));
    /** @type {Map<string, Plan[]>} */
    const groups = new Map();
    const add = (/** @type {string} */ label, /** @type {Plan} */ p) =>
      groups.set(label, [...(groups.get(label) ?? []), p]);
    for (const p of plans) {
      if (by === "status") add(index.statusLabels[p.s] ?? p.s, p);
      else if (by === "folder") add(index.folders[p.f] ?? "", p);
      else if (by === "repository") add(repositoryOf(index, p), p);
      else if (p.o.length === 0) add("No owner", p);
      else for (const o of p.o) add(index.owners[o]?.[1] ?? "", p);
    }
    const labels = [...groups.keys()].sort((a, b) =>
      by === "status"
        ? Object.values(index.statusLabels).indexOf(a) -
          Object.values(index.statusLabels).indexOf(b)
        : (a === "No owner" ? 1 : 0) - (b === "No owner" ? 1 : 0) || a.localeCompare(b),
    );
    return labels.flatMap((label) => {
      const list = groups.get(label) ?? [];
      return list.map(
        (p) => /** @type {[string | null, Plan]} */ ([`${label} (${list.length})`, p]),
      );
    });
  };

  /** @param {string} tag @param {Record<string, string>} attrs @param {(Node | string)[]} children */
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(...children);
    return node;
  };
  const muted = (/** @type {string} */ text, title = "") =>
    el("span", title ? { class: "muted", title } : { class: "muted" }, text);

  // Rows are built once per plan and reused: a keystroke then only moves existing rows.
  /** @type {Map<Plan, HTMLElement>} */
  const built = new Map();
  const row = (/** @type {Index} */ index, /** @type {Plan} */ p) => {
    let tr = built.get(p);
    if (!tr) built.set(p, (tr = newRow(index, p)));
    return tr;
  };
  /** The coverage cell's content: covered/total and what it counts (check/coverage.ts). */
  const coverageCell = (/** @type {Plan} */ p) =>
    p.c
      ? el(
          "span",
          {
            title: p.c[2]
              ? "user stories with a task (tasks.md labels stories, not requirement ids)"
              : "requirements cited by a task or the plan",
          },
          `${p.c[0]}/${p.c[1]}`,
          el("span", { class: "muted unit" }, p.c[2] ? "stories" : "req."),
        )
      : muted("—", "no spec.md or tasks.md");
  /** The tasks cell's content: a progress bar and done/total. */
  const progressCell = (/** @type {Plan} */ p) => {
    const pct = p.p && p.p[1] ? Math.round((100 * (p.p[0] ?? 0)) / p.p[1]) : null;
    if (pct === null) return muted("no tasks.md");
    return el(
      "span",
      { class: "progress", title: `${p.p?.[0]} of ${p.p?.[1]} tasks done` },
      el("span", { class: "bar" }, el("span", { style: `width:${pct}%` })),
      `${p.p?.[0]}/${p.p?.[1]}`,
    );
  };
  /** One row, the same markup as the server's (PlanIndex.astro). */
  const newRow = (/** @type {Index} */ index, /** @type {Plan} */ p) => {
    const href = (form.dataset["planHref"] ?? "").replace("__plan__", encodeURIComponent(p.i));
    const names = p.o.map((o) => index.owners[o]?.[1] ?? "");
    const owner =
      names.length === 0
        ? ""
        : names.length === 1
          ? (names[0] ?? "")
          : `${names[0]} +${names.length - 1}`;
    const cell = (
      /** @type {string} */ label,
      /** @type {string} */ cls,
      /** @type {(Node | string)[]} */ ...kids
    ) => el("td", cls ? { class: cls, "data-label": label } : { "data-label": label }, ...kids);
    return el(
      "tr",
      {
        "data-status": p.s,
        "data-id": p.i,
        "data-score": String(p.sc),
        "data-number": String(p.n),
      },
      cell("Plan", "", el("a", { href }, p.t), el("div", { class: "plan-id" }, p.i)),
      ...(index.repositories ? [cell("Repository", "wide-only", repositoryOf(index, p))] : []),
      cell(
        "Status",
        "",
        el("span", { class: `badge ${p.s}`, "data-status": p.s }, index.statusLabels[p.s] ?? p.s),
      ),
      cell(
        "Owner",
        "wide-only",
        owner ? el("span", { title: names.join(", ") }, owner) : muted("—"),
      ),
      cell("Phase", "wide-only", p.ph ? el("span", { title: p.pt }, p.ph) : muted("—")),
      cell("Score", "num score", String(p.sc)),
      cell("Coverage", "num wide-only", coverageCell(p)),
      cell(
        "Questions",
        "num wide-only",
        String(p.q),
        ...(p.qo ? [" ", el("span", { class: "badge overdue" }, `${p.qo} overdue`)] : []),
      ),
      cell(
        "Risks",
        "num wide-only",
        String(p.r),
        ...(p.b ? [" ", el("span", { class: "badge blocked" }, `${p.b} blocked`)] : []),
      ),
      cell("Tasks", "wide-only", progressCell(p)),
      cell(
        "Changed",
        "wide-only",
        p.ch ? el("time", { datetime: p.ch }, p.ch) : muted("unknown"),
        ...(p.st ? [" ", el("span", { class: "badge stale" }, "stale")] : []),
      ),
    );
  };

  /** The URL of the current state (page `n`). */
  const stateUrl = (/** @type {number} */ n) => {
    const next = new URLSearchParams();
    const status = value("status") || "all";
    if (status !== "all") next.set("status", status);
    if (sort !== "number") next.set("sort", sort);
    if (direction !== (DIRECTION[sort] ?? 1)) next.set("dir", String(direction));
    for (const name of [...FIELDS, ...CHECKS]) {
      const v = value(name);
      if (v && !(name === "phase" && v === "*")) next.set(name, name === "q" ? v.trim() : v);
    }
    if (n > 1) next.set("page", String(n));
    // The state is the index's (server page 1), whichever server page the script started on.
    const home = form.dataset["home"] ?? location.pathname;
    return next.size ? `${home}?${next}` : home;
  };

  const render = (/** @type {Index} */ index) => {
    const { kept, listed } = select(index);
    const pages = Math.max(1, Math.ceil(listed.length / PAGE));
    page = Math.min(page, pages);
    const shown = listed.slice((page - 1) * PAGE, page * PAGE);
    const rows = [];
    let group = null;
    const used = new Set();
    for (const [label, p] of shown) {
      if (label !== null && label !== group)
        rows.push(
          el(
            "tr",
            { class: "group-row" },
            el("th", { colspan: String(headers.length), scope: "colgroup" }, label),
          ),
        );
      group = label;
      // Grouped by owner a plan may be listed twice on a page: the second time as a copy.
      const tr = row(index, p);
      rows.push(used.has(tr) ? tr.cloneNode(true) : tr);
      used.add(tr);
    }
    // A keystroke that keeps the same rows (most of a word once it is specific) touches no row:
    // replacing them anyway costs a layout of the whole table.
    const kids = tbody.children;
    if (rows.length !== kids.length || rows.some((r, i) => r !== kids[i]))
      tbody.replaceChildren(...rows);
    const total = index.plans.length;
    const what = kept.length === total ? `${total} plans` : `${kept.length} of ${total} plans`;
    count.textContent = pages > 1 ? `${what}; page ${page} of ${pages}` : what;
    pager.replaceChildren(
      ...Array.from({ length: pages > 1 ? pages : 0 }, (_, k) => {
        const link = el("a", { href: stateUrl(k + 1) }, String(k + 1));
        if (k + 1 === page) link.setAttribute("aria-current", "page");
        link.addEventListener("click", (e) => {
          e.preventDefault();
          page = k + 1;
          apply();
          table.scrollIntoView({ block: "start" });
        });
        return link;
      }),
    );
    keepUrl();
  };

  // Until the JSON is there, the status and text filters act on the rows already on the page.
  const provisional = () => {
    const status = value("status") || "all";
    const q = value("q").trim().toLowerCase();
    let shown = 0;
    for (const tr of tbody.rows) {
      const text = `${tr.querySelector("a")?.textContent ?? ""}\n${tr.dataset["id"] ?? ""}`;
      tr.hidden =
        !(status === "all" || tr.dataset["status"] === status) || !text.toLowerCase().includes(q);
      if (!tr.hidden) shown++;
    }
    if (tbody.rows.length === Number(form.dataset["total"]))
      count.textContent =
        shown === tbody.rows.length ? `${shown} plans` : `${shown} of ${tbody.rows.length} plans`;
    keepUrl();
  };
  // history.replaceState can cost tens of milliseconds in Chromium: while typing, the URL follows
  // just after the frame that shows the rows (a click or a choice updates it at once).
  let urlPending = false;
  let typing = false;
  const keepUrl = () => {
    if (!typing) history.replaceState(null, "", stateUrl(page));
    else if (!urlPending) {
      urlPending = true;
      requestAnimationFrame(() =>
        setTimeout(() => {
          urlPending = false;
          history.replaceState(null, "", stateUrl(page));
        }),
      );
    }
  };
  const apply = () => {
    markHeaders();
    if (data) render(data);
    else {
      provisional();
      load().then(
        () => data && render(data),
        () => (count.textContent = "Could not load the list of plans; reload the page."),
      );
    }
  };
  form.addEventListener("change", (e) => {
    const target = e.target;
    if (target instanceof HTMLInputElement && target.name === "sort") {
      sort = target.value;
      direction = DIRECTION[sort] ?? 1;
    }
    page = 1;
    apply();
  });
  document.getElementById("plan-query")?.addEventListener("input", () => {
    page = 1;
    typing = true;
    apply();
    typing = false;
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  // The server's page is already the unfiltered list: load the JSON only once the state differs.
  if (location.search) apply();
  else markHeaders();
})();
