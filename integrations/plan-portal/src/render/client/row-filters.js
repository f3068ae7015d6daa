// @ts-check
// The filters of the paged dashboards (questions, blockers, catalog inline this): owner, plan,
// plan status and overdue, kept in the URL. Each server page holds one slice of every list
// ([data-rows] containers: a tbody or an ol). On the first filter change the script fetches the
// other pages once and gathers every list's rows in page order; from then on each list shows the
// first rows the filters keep (the others hidden) and a "Show more" button for the next ones.
(() => {
  const form = document.getElementById("row-filters");
  if (!(form instanceof HTMLFormElement)) return;
  const owner = document.getElementById("row-owner");
  const plan = document.getElementById("row-plan");
  const status = document.getElementById("row-status");
  const overdue = document.getElementById("row-overdue");
  const output = document.getElementById("row-count");
  if (!(owner instanceof HTMLSelectElement) || !(status instanceof HTMLSelectElement)) return;
  if (!(plan instanceof HTMLInputElement) || !output) return;
  const overdueBox = overdue instanceof HTMLInputElement ? overdue : null;
  const pages = Number(form.dataset["pages"] ?? 1);
  const current = Number(form.dataset["page"] ?? 1);
  const size = Number(form.dataset["size"] ?? 100);
  const pageUrl = (/** @type {number} */ n) =>
    n === 1
      ? (form.dataset["firstHref"] ?? "")
      : (form.dataset["pageHref"] ?? "").replace("__page__", String(n));
  form.hidden = false;

  /** @typedef {{ el: HTMLElement, owners: string[], plan: string, statuses: string[], overdue: boolean }} Row */
  /** @typedef {{ name: string, container: HTMLElement, rows: Row[], limit: number }} List */
  /** @type {List[]} */
  const lists = [];
  for (const container of document.querySelectorAll("[data-rows]")) {
    if (container instanceof HTMLElement)
      lists.push({ name: container.dataset["rows"] ?? "", container, rows: [], limit: size });
  }
  /** The filter facts of a row, read once (lower-case already: data-plan is written so). */
  const factsOf = (/** @type {HTMLElement} */ el) => ({
    el,
    owners: (el.dataset["owner"] ?? "").split(" ").filter(Boolean),
    plan: el.dataset["plan"] ?? "",
    statuses: (el.dataset["status"] ?? "").split(" "),
    overdue: el.dataset["overdue"] === "true",
  });

  const params = new URLSearchParams(location.search);
  owner.value = params.get("owner") ?? "";
  plan.value = params.get("plan") ?? "";
  status.value = params.get("status") ?? "";
  if (overdueBox) overdueBox.checked = params.get("overdue") === "1";

  /** @type {Promise<void> | null} */
  let gathering = null;
  /** Every page's rows of every list, in page order; this page's rows stay where they are. */
  const gather = async () => {
    const others = Array.from({ length: pages }, (_, k) => k + 1).filter((n) => n !== current);
    const parser = new DOMParser();
    const docs = await Promise.all(
      others.map((n) =>
        fetch(pageUrl(n))
          .then((r) => {
            if (!r.ok) throw new Error(`${pageUrl(n)}: ${r.status}`);
            return r.text();
          })
          .then((html) => ({ n, doc: parser.parseFromString(html, "text/html") })),
      ),
    );
    for (const list of lists) {
      /** @type {HTMLElement[]} */
      const before = [];
      /** @type {HTMLElement[]} */
      const after = [];
      for (const { n, doc } of docs) {
        const there = doc.querySelector(`[data-rows="${list.name}"]`);
        if (!there) continue;
        for (const child of there.children) {
          const row = /** @type {HTMLElement} */ (document.importNode(child, true));
          (n < current ? before : after).push(row);
        }
      }
      list.container.prepend(...before);
      list.container.append(...after);
      list.rows = [...list.container.children].map((c) => factsOf(/** @type {HTMLElement} */ (c)));
    }
    document.getElementById("rows-pager")?.setAttribute("hidden", "");
    for (const note of document.querySelectorAll("[data-rows-note]"))
      note.setAttribute("hidden", "");
  };

  const filters = () => ({
    owner: owner.value,
    plan: plan.value.trim().toLowerCase(),
    status: status.value,
    overdue: overdueBox?.checked ?? false,
  });
  const keeps = (/** @type {Row} */ r, /** @type {ReturnType<typeof filters>} */ f) =>
    (!f.owner || r.owners.includes(f.owner)) &&
    (!f.plan || r.plan.includes(f.plan)) &&
    (!f.status || r.statuses.includes(f.status)) &&
    (!f.overdue || r.overdue);

  /** Each list: the first `limit` rows kept shown, the rest hidden; the "more" line below it. */
  const show = () => {
    const f = filters();
    const counts = [];
    for (const list of lists) {
      let kept = 0;
      for (const r of list.rows) {
        const keep = keeps(r, f);
        if (keep) kept++;
        r.el.hidden = !keep || kept > list.limit;
      }
      const wrap = list.container.closest("[data-rows-wrap]");
      if (wrap instanceof HTMLElement) wrap.hidden = kept === 0;
      const more = document.querySelector(`[data-more-for="${list.name}"]`);
      if (more instanceof HTMLElement) describeMore(more, list, kept);
      counts.push(`${kept} of ${list.rows.length} ${list.container.dataset["rowsLabel"] ?? ""}`);
    }
    output.textContent = counts.join(", ");
  };

  /** "Showing 100 of 312", a button for the next ones, or "None match the filters." */
  const describeMore = (
    /** @type {HTMLElement} */ more,
    /** @type {List} */ list,
    /** @type {number} */ kept,
  ) => {
    more.hidden = false;
    more.replaceChildren();
    if (kept === 0) {
      more.textContent = "Nothing here matches the filters.";
      return;
    }
    if (kept <= list.limit) return void (more.hidden = true);
    more.append(`Showing ${list.limit} of ${kept}. `);
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = `Show ${Math.min(size, kept - list.limit)} more`;
    button.addEventListener("click", () => {
      list.limit += size;
      show();
    });
    more.append(button);
  };

  const query = () => {
    const f = filters();
    const next = new URLSearchParams();
    if (f.owner) next.set("owner", f.owner);
    if (plan.value.trim()) next.set("plan", plan.value.trim());
    if (f.status) next.set("status", f.status);
    if (f.overdue) next.set("overdue", "1");
    return next;
  };

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let typingTimer;
  const apply = async () => {
    for (const list of lists) list.limit = size;
    const q = query();
    history.replaceState(null, "", q.size ? `?${q}` : location.pathname);
    gathering ??= gather();
    try {
      await gathering;
    } catch {
      output.textContent = "Could not load the other pages; reload the page.";
      gathering = null;
      return;
    }
    show();
  };
  form.addEventListener("change", () => void apply());
  // While typing, the rows follow once the typing pauses (each keystroke would redo every list).
  plan.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => void apply(), 150);
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  if (query().size) void apply();
})();
