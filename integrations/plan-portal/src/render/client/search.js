// @ts-check
// The search dialog (Search.astro inlines this file): Pagefind's files load the first time the
// dialog opens, so pages pay nothing for search until someone searches.

/**
 * The part of Pagefind's browser API the dialog uses.
 * @typedef {{ url: string, title: string, excerpt: string, locations?: number[] }} SubResult
 * @typedef {{ url: string, excerpt: string, content: string, locations: number[], meta: { title?: string, status?: string }, sub_results?: SubResult[] }} ResultData
 * @typedef {Record<string, Record<string, number>>} FilterCounts
 * @typedef {{ results: { data: () => Promise<ResultData> }[], filters: FilterCounts }} SearchResponse
 * @typedef {Record<string, string[] | { any: string[] }>} Filters
 * @typedef {{ baseUrl?: string, excerptLength: number, mergeFilter?: Record<string, string> }} PagefindOptions
 * @typedef {object} Pagefind
 * @property {(options: PagefindOptions) => Promise<void>} options
 * @property {(url: string, options: PagefindOptions) => Promise<void>} mergeIndex
 * @property {() => void} init
 * @property {() => Promise<FilterCounts>} filters
 * @property {(query: string | null, options: { filters: Filters }) => Promise<SearchResponse>} search
 */

// A block, not a function: its names stay out of the page's globals, and each part is its own
// small function below.
{
  /**
   * The dialog's elements, as Search.astro renders them.
   * @typedef {{ dialog: HTMLDialogElement, open: HTMLElement, input: HTMLInputElement, list: HTMLElement, status: HTMLElement }} Elements
   */

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

  /** @returns {Elements | null} */
  const elements = () => {
    const dialog = document.getElementById("search-dialog");
    const open = document.getElementById("search-open");
    const input = document.getElementById("search-input");
    const list = document.getElementById("search-results");
    const status = document.getElementById("search-status");
    if (!(dialog instanceof HTMLDialogElement) || !open || !(input instanceof HTMLInputElement))
      return null;
    if (!list || !status) return null;
    return { dialog, open, input, list, status };
  };

  /** @param {HTMLDialogElement} dialog @param {string} selector */
  const buttons = (dialog, selector) =>
    [...dialog.querySelectorAll(selector)].filter((b) => b instanceof HTMLElement);

  // Status badges read like the status filters above them (the page renders those from the
  // vocabulary).
  /** @param {HTMLDialogElement} dialog */
  const statusLabels = (dialog) => {
    /** @type {Record<string, string>} */
    const labels = {};
    for (const b of buttons(dialog, ".chip-toggle[data-filter=status]")) {
      labels[b.dataset.value ?? ""] = b.dataset.label ?? "";
    }
    return labels;
  };

  /**
   * Each filter toggle with the number of pages it finds: among the current query's results once
   * there is a query or a pressed filter (the counts Pagefind returns with a search), in the whole
   * index before.
   * @param {HTMLDialogElement} dialog @param {FilterCounts} counts
   */
  const showCounts = (dialog, counts) => {
    for (const b of buttons(dialog, ".chip-toggle")) {
      const n = counts[b.dataset.filter ?? ""]?.[b.dataset.value ?? ""] ?? 0;
      b.textContent = `${b.dataset.label ?? b.dataset.value} (${n})`;
    }
  };

  // The index a result comes from, as a filter every page of it carries (Pagefind's mergeFilter):
  // "main" for the dashboards' index, else the shard's folder.
  const INDEX = "plan-portal-index";

  /** @param {string} s */
  const fold = (s) => s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

  /**
   * A query's words as Pagefind reads them: lower case, without punctuation or diacritics.
   * @param {string} query
   */
  const queryWords = (query) =>
    fold(query)
      .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "")
      .split(/\s+/)
      .filter(Boolean);

  /**
   * The words of a page that a result matched (Pagefind's word positions in its text), whole and
   * split at punctuation ("git-absorb" is "gitabsorb", "git" and "absorb").
   * @param {ResultData} d
   */
  const matchedWords = (d) => {
    const words = String(d.content ?? "").split(/[^\S\uFEFF]+/);
    return (d.locations ?? []).flatMap((at) => {
      const w = fold(words[at] ?? "");
      return [w.replace(/[^\p{L}\p{N}]/gu, ""), ...w.split(/[^\p{L}\p{N}]+/u)].filter(Boolean);
    });
  };

  /**
   * A search without the pages Pagefind finds for a word that an index does not have. Pagefind then
   * answers with the longest indexed word the query word starts with: "xylophone" finds the "x" of
   * a "[x]" or "<<X>>", "qqqxxx" the "q" of "Q:", "theremin" every "the" (on purpose, so that
   * "installa" finds "installation", whose indexed stem is "instal": Pagefind PR #315; it cannot be
   * turned off, Pagefind issue #780). Every shard is an index of its own, so a word that only some
   * plans have falls back like that in every other shard. An index's results are kept when each
   * query word is there: as a word of its own (a quoted search: the same stem, no prefixes or
   * fallback) or, as a prefix being typed, at the start of a word its best result matched.
   * @param {Pagefind} pf @param {string} query @param {Filters} filters @param {SearchResponse} found
   * @returns {Promise<SearchResponse>}
   */
  const withoutFallbacks = async (pf, query, filters, found) => {
    const words = queryWords(query);
    if (!words.length || !found.results.length || /^\s*".+"\s*$/.test(query)) return found;
    const indexes = Object.entries(found.filters[INDEX] ?? {})
      .filter(([, n]) => n > 0)
      .map(([index]) => index);
    const exact = await Promise.all(words.map((w) => pf.search(`"${w}"`, { filters })));
    const kept = await Promise.all(
      indexes.map(async (index) => {
        const unsure = words.filter((_, i) => !exact[i]?.filters[INDEX]?.[index]);
        if (!unsure.length) return true;
        const only = { ...filters, [INDEX]: [index] };
        const best = (await pf.search(query, { filters: only })).results[0];
        const seen = best ? matchedWords(await best.data()) : [];
        return unsure.every((w) => seen.some((s) => s.startsWith(w)));
      }),
    );
    const keep = indexes.filter((_, i) => kept[i]);
    if (keep.length === indexes.length) return found;
    if (!keep.length) return { results: [], filters: {} };
    return pf.search(query, { filters: { ...filters, [INDEX]: { any: keep } } });
  };

  /** The pressed filter toggles as Pagefind filters. @param {HTMLDialogElement} dialog */
  const pressedFilters = (dialog) => {
    /** @type {Record<string, string[]>} */
    const out = {};
    for (const b of buttons(dialog, ".chip-toggle[aria-pressed=true]")) {
      (out[b.dataset.filter ?? ""] ??= []).push(b.dataset.value ?? "");
    }
    return out;
  };

  /**
   * Owners and phases come from the index: one toggle per value, busiest first.
   * @param {HTMLDialogElement} dialog
   * @param {Record<string, Record<string, number>>} available
   * @param {(event: Event) => void} toggle
   */
  const addFilterToggles = (dialog, available, toggle) => {
    const group = dialog.querySelector(".search-filters");
    /** @type {[string, number][]} */
    const groups = [
      ["repository", 12],
      ["owner", 8],
      ["phase", 4],
    ];
    for (const [filter, limit] of groups) {
      const values = Object.entries(available[filter] ?? {})
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit);
      // A portal of one repository (one source) needs no repository toggle.
      if (filter === "repository" && values.length < 2) continue;
      for (const [value, count] of values) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "chip-toggle";
        b.dataset.filter = filter;
        b.dataset.value = value;
        b.dataset.label = value;
        b.setAttribute("aria-pressed", "false");
        b.textContent = `${value} (${count})`;
        b.addEventListener("click", toggle);
        group?.appendChild(b);
      }
    }
  };

  /**
   * Pagefind with the index and its shards merged, each page marked with its index (INDEX), the
   * filter toggles it knows about, and the site's counts for them.
   * @param {HTMLDialogElement} dialog
   * @param {(event: Event) => void} toggle
   * @returns {Promise<{ pf: Pagefind, totals: FilterCounts }>}
   */
  const openPagefind = async (dialog, toggle) => {
    /** @type {Pagefind} */
    const pf = await import(dialog.dataset.bundle + "pagefind.js");
    const options = { baseUrl: dialog.dataset.base, excerptLength: 24 };
    await pf.options({ ...options, mergeFilter: { [INDEX]: "main" } });
    // Plan and sibling pages are in shards of the index (see buildSearchIndex).
    /** @type {string[]} */
    const shards = await fetch(dialog.dataset.bundle + "shards.json").then(
      (r) => (r.ok ? r.json() : []),
      () => [],
    );
    // The site's docs outside the portal, whose URLs start at the site's base (see search/docs.ts).
    /** @type {{ index: string, baseUrl: string } | null} */
    const docs = await fetch(dialog.dataset.bundle + "docs.json").then(
      (r) => (r.ok ? r.json() : null),
      () => null,
    );
    await Promise.all([
      ...shards.map((s) =>
        pf.mergeIndex(dialog.dataset.bundle + s, { ...options, mergeFilter: { [INDEX]: s } }),
      ),
      ...(docs
        ? [
            pf.mergeIndex(dialog.dataset.bundle + docs.index, {
              ...options,
              baseUrl: docs.baseUrl,
              mergeFilter: { [INDEX]: docs.index },
            }),
          ]
        : []),
    ]);
    pf.init();
    const totals = await pf.filters();
    // A site without docs needs no Docs toggle.
    for (const b of buttons(dialog, ".chip-toggle[data-value=doc]")) b.hidden = !totals.kind?.doc;
    addFilterToggles(dialog, totals, toggle);
    showCounts(dialog, totals);
    return { pf, totals };
  };

  /**
   * Pagefind, opened on the first call (the first search or opening of the dialog); null, with the
   * reason in the status line, where there is no index.
   * @param {HTMLDialogElement} dialog @param {HTMLElement} status @param {(event: Event) => void} toggle
   */
  const lazyPagefind = (dialog, status, toggle) => {
    // The opening itself is shared: a search typed while the dialog is still opening Pagefind must
    // not open it again (that merges every index twice, and each result shows twice).
    /** @type {Promise<{ pf: Pagefind, totals: FilterCounts } | null> | null} */
    let opening = null;
    return () =>
      (opening ??= openPagefind(dialog, toggle).catch(() => {
        status.textContent =
          "Search is not available here: the index is built by `astro build` (not in `astro dev`).";
        opening = null;
        return null;
      }));
  };

  /**
   * One result as a list item whose link is the option (a link inside an option would nest
   * interactive controls).
   * @param {ResultData} d @param {number} n @param {Record<string, string>} labels
   */
  const resultItem = (d, n, labels) => {
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
    const li = document.createElement("li");
    li.setAttribute("role", "none");
    const badge = state
      ? `<span class="badge ${escape(state)}">${escape(labels[state] ?? state)}</span>`
      : "";
    const section = sub ? `<span class="result-section">› ${escape(sub.title)}</span>` : "";
    const text = excerpt(sub ? sub.excerpt : d.excerpt);
    li.innerHTML = `<a href="${escape(url)}" tabindex="-1" role="option" id="search-result-${n}" aria-selected="false"><span class="result-title">${escape(d.meta.title ?? d.url)}</span> ${badge}${section}<span class="result-excerpt">${text}</span></a>`;
    return li;
  };

  /**
   * The dialog's state (Pagefind once loaded, the selected option, the latest query) and what
   * changes it.
   * @param {Elements} els
   */
  const createSearch = ({ dialog, input, list, status }) => {
    const labels = statusLabels(dialog);
    let active = -1;
    let token = 0;
    const load = lazyPagefind(dialog, status, toggle);
    /** @param {number} i */
    const select = (i) => {
      const options = [...list.querySelectorAll("[role=option]")];
      if (!options.length) return;
      active = (i + options.length) % options.length;
      options.forEach((o, n) => o.setAttribute("aria-selected", String(n === active)));
      options[active]?.scrollIntoView({ block: "nearest" });
      input.setAttribute("aria-activedescendant", options[active]?.id ?? "");
    };
    const run = async () => {
      const mine = ++token;
      const query = input.value.trim();
      const f = pressedFilters(dialog);
      if (!query && !Object.keys(f).length) {
        list.innerHTML = "";
        status.textContent = "";
        const loaded = await load();
        if (loaded && mine === token) showCounts(dialog, loaded.totals);
        return;
      }
      const loaded = await load();
      if (!loaded || mine !== token) return;
      const { pf } = loaded;
      const found = await pf.search(query || null, { filters: f });
      const search = query ? await withoutFallbacks(pf, query, f, found) : found;
      const data = await Promise.all(search.results.slice(0, 12).map((r) => r.data()));
      if (mine !== token) return;
      showCounts(dialog, search.filters);
      list.innerHTML = "";
      active = -1;
      const count = search.results.length;
      status.textContent = count ? `${count} result${count === 1 ? "" : "s"}` : "No results";
      data.forEach((d, n) => {
        const li = resultItem(d, n, labels);
        li.addEventListener("mousemove", () => select(n));
        list.appendChild(li);
      });
      if (data.length) select(0);
    };
    /** @param {Event} event */
    function toggle(event) {
      const b = event.currentTarget;
      if (!(b instanceof HTMLElement)) return;
      b.setAttribute("aria-pressed", String(b.getAttribute("aria-pressed") !== "true"));
      run();
    }
    const show = () => {
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
      load();
    };
    return { run, select, show, toggle, active: () => active };
  };

  /**
   * Ctrl/⌘-K and "/" open the dialog; typing searches; arrows, Enter and Escape move, follow and
   * close.
   * @param {Elements} els @param {ReturnType<typeof createSearch>} search
   */
  const bindKeys = ({ dialog, open, input, list }, search) => {
    /** @type {number | undefined} */
    let timer;
    open.addEventListener("click", search.show);
    document.addEventListener("keydown", (e) => {
      const focused = document.activeElement;
      const typing =
        /^(INPUT|TEXTAREA|SELECT)$/.test(focused?.tagName ?? "") ||
        (focused instanceof HTMLElement && focused.isContentEditable);
      if (
        (e.key === "k" && (e.ctrlKey || e.metaKey)) ||
        (e.key === "/" && !typing && !dialog.open)
      ) {
        e.preventDefault();
        search.show();
      }
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = window.setTimeout(search.run, 120);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        search.select(search.active() + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Escape") {
        // A search field would only clear itself on the first Escape.
        e.preventDefault();
        dialog.close();
      } else if (e.key === "Enter") {
        e.preventDefault();
        const link = list.querySelectorAll("[role=option]")[search.active()];
        if (link instanceof HTMLAnchorElement) location.href = link.href;
      }
    });
  };

  const els = elements();
  if (els) {
    const search = createSearch(els);
    bindKeys(els, search);
    for (const b of buttons(els.dialog, ".chip-toggle")) b.addEventListener("click", search.toggle);
    els.dialog.addEventListener("click", (e) => {
      if (e.target === els.dialog) els.dialog.close();
    });
    if (new URLSearchParams(location.search).has("search")) search.show();
  }
}
