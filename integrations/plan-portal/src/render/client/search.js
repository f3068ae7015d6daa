// @ts-check
// The search dialog (Search.astro inlines this file): Pagefind's files load the first time the
// dialog opens, so pages pay nothing for search until someone searches.

/**
 * The part of Pagefind's browser API the dialog uses.
 * @typedef {{ url: string, title: string, excerpt: string, locations?: number[] }} SubResult
 * @typedef {{ url: string, excerpt: string, meta: { title?: string, status?: string }, sub_results?: SubResult[] }} ResultData
 * @typedef {{ baseUrl?: string, excerptLength: number }} PagefindOptions
 * @typedef {object} Pagefind
 * @property {(options: PagefindOptions) => Promise<void>} options
 * @property {(url: string, options: PagefindOptions) => Promise<void>} mergeIndex
 * @property {() => void} init
 * @property {() => Promise<Record<string, Record<string, number>>>} filters
 * @property {(query: string | null, options: { filters: Record<string, string[]> }) => Promise<{ results: { data: () => Promise<ResultData> }[] }>} search
 */

(() => {
  const dialog = document.getElementById("search-dialog");
  const open = document.getElementById("search-open");
  const input = document.getElementById("search-input");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  if (!(dialog instanceof HTMLDialogElement) || !open || !(input instanceof HTMLInputElement))
    return;
  if (!list || !status) return;
  /** @param {string} selector */
  const buttons = (selector) =>
    [...dialog.querySelectorAll(selector)].filter((b) => b instanceof HTMLElement);
  // Status badges read like the status filters above them (the page renders those from the
  // vocabulary).
  /** @type {Record<string, string>} */
  const LABEL = {};
  for (const b of buttons(".chip-toggle[data-filter=status]")) {
    LABEL[b.dataset.value ?? ""] = b.textContent?.trim() ?? "";
  }
  /** @type {Pagefind | null} */
  let pagefind = null;
  let active = -1;
  let timer = 0;
  let token = 0;
  const filters = () => {
    /** @type {Record<string, string[]>} */
    const out = {};
    for (const b of buttons(".chip-toggle[aria-pressed=true]")) {
      (out[b.dataset.filter ?? ""] ??= []).push(b.dataset.value ?? "");
    }
    return out;
  };
  const load = async () => {
    if (pagefind) return pagefind;
    try {
      /** @type {Pagefind} */
      const pf = await import(dialog.dataset.bundle + "pagefind.js");
      pagefind = pf;
      const options = { baseUrl: dialog.dataset.base, excerptLength: 24 };
      await pf.options(options);
      // Plan and sibling pages are in shards of the index (see buildSearchIndex).
      /** @type {string[]} */
      const shards = await fetch(dialog.dataset.bundle + "shards.json").then(
        (r) => (r.ok ? r.json() : []),
        () => [],
      );
      await Promise.all(shards.map((s) => pf.mergeIndex(dialog.dataset.bundle + s, options)));
      pf.init();
      // Owners and phases come from the index: one toggle per value, busiest first.
      const available = await pf.filters();
      const group = dialog.querySelector(".search-filters");
      /** @type {[string, number][]} */
      const groups = [
        ["owner", 8],
        ["phase", 4],
      ];
      for (const [filter, limit] of groups) {
        const values = Object.entries(available[filter] ?? {})
          .sort((a, b) => b[1] - a[1])
          .slice(0, limit);
        for (const [value, count] of values) {
          const b = document.createElement("button");
          b.type = "button";
          b.className = "chip-toggle";
          b.dataset.filter = filter;
          b.dataset.value = value;
          b.setAttribute("aria-pressed", "false");
          b.textContent = `${value} (${count})`;
          b.addEventListener("click", toggle);
          group?.appendChild(b);
        }
      }
    } catch {
      status.textContent =
        "Search is not available here: the index is built by `astro build` (not in `astro dev`).";
      pagefind = null;
    }
    return pagefind;
  };
  /** @param {number} i */
  const select = (i) => {
    const options = [...list.querySelectorAll("[role=option]")];
    if (!options.length) return;
    active = (i + options.length) % options.length;
    options.forEach((o, n) => o.setAttribute("aria-selected", String(n === active)));
    options[active]?.scrollIntoView({ block: "nearest" });
    input.setAttribute("aria-activedescendant", options[active]?.id ?? "");
  };
  /** @type {Record<string, string>} */
  const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  /** @param {unknown} s */
  const escape = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
  // Pagefind's excerpts are escaped text with <mark> around matches; keep only those tags.
  /** @param {unknown} s */
  const excerpt = (s) =>
    escape(String(s ?? "").replace(/<\/?mark>/g, "\u0001"))
      .split("\u0001")
      .map((part, i) => (i === 0 ? "" : i % 2 ? "<mark>" : "</mark>") + part)
      .join("");
  const run = async () => {
    const mine = ++token;
    const query = input.value.trim();
    const f = filters();
    if (!query && !Object.keys(f).length) {
      list.innerHTML = "";
      status.textContent = "";
      return;
    }
    const pf = await load();
    if (!pf || mine !== token) return;
    const search = await pf.search(query || null, { filters: f });
    const data = await Promise.all(search.results.slice(0, 12).map((r) => r.data()));
    if (mine !== token) return;
    list.innerHTML = "";
    active = -1;
    const found = search.results.length;
    status.textContent = found ? `${found} result${found === 1 ? "" : "s"}` : "No results";
    data.forEach((d, n) => {
      // Land on the section that matched when the match is below a heading (not the page's own
      // title heading).
      const sub = (d.sub_results ?? []).find(
        (s) =>
          s.url.includes("#") &&
          s.locations?.length &&
          !String(s.title).includes(d.meta.title ?? "\u0000"),
      );
      const url = sub ? sub.url : d.url;
      const state = d.meta.status;
      // The link itself is the option (a link inside an option would nest interactive controls).
      const li = document.createElement("li");
      li.setAttribute("role", "none");
      const badge = state
        ? `<span class="badge ${escape(state)}">${escape(LABEL[state] ?? state)}</span>`
        : "";
      const section = sub ? `<span class="result-section">› ${escape(sub.title)}</span>` : "";
      const text = excerpt(sub ? sub.excerpt : d.excerpt);
      li.innerHTML = `<a href="${escape(url)}" tabindex="-1" role="option" id="search-result-${n}" aria-selected="false"><span class="result-title">${escape(d.meta.title ?? d.url)}</span> ${badge}${section}<span class="result-excerpt">${text}</span></a>`;
      li.addEventListener("mousemove", () => select(n));
      list.appendChild(li);
    });
    if (data.length) select(0);
  };
  const show = () => {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load();
  };
  open.addEventListener("click", show);
  document.addEventListener("keydown", (e) => {
    const focused = document.activeElement;
    const typing =
      /^(INPUT|TEXTAREA|SELECT)$/.test(focused?.tagName ?? "") ||
      (focused instanceof HTMLElement && focused.isContentEditable);
    if ((e.key === "k" && (e.ctrlKey || e.metaKey)) || (e.key === "/" && !typing && !dialog.open)) {
      e.preventDefault();
      show();
    }
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(run, 120);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      select(active + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Escape") {
      // A search field would only clear itself on the first Escape.
      e.preventDefault();
      dialog.close();
    } else if (e.key === "Enter") {
      e.preventDefault();
      const link = list.querySelectorAll("[role=option]")[active];
      if (link instanceof HTMLAnchorElement) location.href = link.href;
    }
  });
  /** @param {Event} event */
  function toggle(event) {
    const b = event.currentTarget;
    if (!(b instanceof HTMLElement)) return;
    b.setAttribute("aria-pressed", String(b.getAttribute("aria-pressed") !== "true"));
    run();
  }
  for (const b of buttons(".chip-toggle")) b.addEventListener("click", toggle);
  dialog.addEventListener("click", (e) => {
    if (e.target === dialog) dialog.close();
  });
  if (new URLSearchParams(location.search).has("search")) show();
})();
