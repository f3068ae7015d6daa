// @ts-check
/*
 * Search of an organisation portal (plan-portal federate): every fragment's Pagefind index merged
 * into one (Pagefind's mergeIndex), each with the URL its pages are served from. The indexes are
 * listed in the page's #pp-org-indexes JSON; results link into each repository's own portal.
 */
(() => {
  /**
   * @typedef {{ bundle: string, baseUrl: string, name: string }} OrgIndex
   * @typedef {{ url: string, excerpt: string, meta: { title?: string } }} ResultData
   * @typedef {{ baseUrl: string, excerptLength: number, mergeFilter?: Record<string, string> }} Options
   * @typedef {{ options: (o: Options) => Promise<void>, mergeIndex: (url: string, o: Options) => Promise<void>, init: () => void, search: (q: string) => Promise<{ results: { data: () => Promise<ResultData> }[] }> }} Pagefind
   */
  const form = document.getElementById("org-search");
  const input = document.getElementById("org-search-input");
  const list = document.getElementById("org-search-results");
  const status = document.getElementById("org-search-status");
  const config = document.getElementById("pp-org-indexes");
  if (!(input instanceof HTMLInputElement) || !list || !status || !config || !form) return;
  /** @type {OrgIndex[]} */
  const indexes = JSON.parse(config.textContent ?? "[]");

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

  /**
   * A fragment's index and its shards (listed in its shards.json), as separate indexes to merge.
   * @param {OrgIndex} index @returns {Promise<string[]>}
   */
  const bundlesOf = async (index) => {
    /** @type {string[]} */
    const shards = await fetch(index.bundle + "shards.json").then(
      (r) => (r.ok ? r.json() : []),
      () => [],
    );
    return [index.bundle, ...shards.map((s) => index.bundle + s)];
  };

  /** @type {Promise<Pagefind> | null} */
  let opened = null;
  /** Repositories whose index could not be merged (said beside the result count). @type {string[]} */
  let missing = [];
  /** @returns {Promise<Pagefind>} */
  const open = () =>
    (opened ??= (async () => {
      // The first index whose script loads leads; one that cannot (another origin without CORS
      // headers, gone) is named beside the result count like an index that cannot be merged.
      /** @type {Pagefind | null} */
      let loaded = null;
      /** @type {string[]} */
      const unloaded = [];
      let rest = [...indexes];
      while (!loaded && rest.length) {
        const [lead, ...others] = rest;
        if (!lead) break;
        rest = others;
        try {
          loaded = await import(lead.bundle + "pagefind.js");
          rest = [lead, ...others];
        } catch {
          unloaded.push(lead.name);
        }
      }
      const [first, ...more] = rest;
      if (!loaded || !first) throw new Error("no index");
      const pf = loaded;
      const options = (/** @type {OrgIndex} */ i) => ({
        baseUrl: i.baseUrl,
        excerptLength: 24,
        mergeFilter: { repository: i.name },
      });
      await pf.options(options(first));
      const [, ...firstShards] = await bundlesOf(first);
      /** @type {{ name: string, merged: Promise<void> }[]} */
      const merges = firstShards.map((b) => ({
        name: first.name,
        merged: pf.mergeIndex(b, options(first)),
      }));
      for (const index of more) {
        for (const b of await bundlesOf(index))
          merges.push({ name: index.name, merged: pf.mergeIndex(b, options(index)) });
      }
      // One repository's index that cannot be merged must not take the others' search away.
      const settled = await Promise.allSettled(merges.map((m) => m.merged));
      missing = [
        ...new Set([
          ...unloaded,
          ...merges.filter((_, i) => settled[i]?.status === "rejected").map((m) => m.name),
        ]),
      ];
      pf.init();
      return pf;
    })());

  let query = 0;
  const run = async () => {
    const q = input.value.trim();
    const mine = ++query;
    if (!q) {
      list.innerHTML = "";
      status.textContent = "";
      return;
    }
    let pf;
    try {
      pf = await open();
    } catch {
      status.textContent = "Search is not available: the fragments' indexes could not be loaded.";
      return;
    }
    const found = await pf.search(q);
    const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    if (mine !== query) return;
    list.innerHTML = data
      .map(
        (d) =>
          `<li><a href="${escape(d.url)}"><span class="result-title">${escape(d.meta.title ?? d.url)}</span> <span class="result-excerpt">${excerpt(d.excerpt)}</span></a></li>`,
      )
      .join("");
    const n = found.results.length;
    const gaps = missing.length ? ` (not searched: ${missing.join(", ")})` : "";
    status.textContent = (n ? `${n} result${n === 1 ? "" : "s"}` : "No results") + gaps;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener("input", () => void run());
})();
