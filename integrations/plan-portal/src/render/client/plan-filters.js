// @ts-check
// The plan index's filters (pages/index.astro inlines this): progressive enhancement over the
// CSS-only sort, adding a text filter, URL state (?status=&sort=&q=) and real DOM order.
(() => {
  const form = document.getElementById("plan-filters");
  const tbody = document.querySelector("#plans-table tbody");
  const query = document.getElementById("plan-query");
  const count = document.getElementById("plans-count");
  if (!(form instanceof HTMLFormElement) || !(tbody instanceof HTMLTableSectionElement)) return;
  if (!(query instanceof HTMLInputElement) || !count) return;
  query.hidden = false;
  document.body.classList.add("js-sorted");
  const rows = [...tbody.rows];
  /** @param {HTMLTableRowElement} r */
  const byNumber = (r) => Number(r.dataset.number);
  /** @type {Record<string, (row: HTMLTableRowElement) => number>} */
  const keys = {
    number: byNumber,
    score: (r) => Number(r.dataset.score),
    questions: (r) => -Number(r.dataset.questions),
    risks: (r) => -Number(r.dataset.risks),
    progress: (r) => Number(r.dataset.progress),
    changed: (r) => -(Date.parse(r.dataset.changed ?? "") || 0),
  };
  /** @param {string} name */
  const checked = (name) => {
    const input = form.querySelector(`input[name="${name}"]:checked`);
    return input instanceof HTMLInputElement ? input.value : undefined;
  };
  const params = new URLSearchParams(location.search);
  /** @param {string} name @param {string} value */
  const set = (name, value) => {
    const input = form.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
    if (input instanceof HTMLInputElement) input.checked = true;
  };
  const initialStatus = params.get("status");
  const initialSort = params.get("sort");
  if (initialStatus) set("status", initialStatus);
  if (initialSort) set("sort", initialSort);
  query.value = params.get("q") ?? "";
  const apply = () => {
    const status = checked("status") ?? "all";
    const sort = checked("sort") ?? "number";
    const q = query.value.trim().toLowerCase();
    const key = keys[sort] ?? byNumber;
    const sorted = [...rows].sort((a, b) => key(a) - key(b) || byNumber(a) - byNumber(b));
    let shown = 0;
    for (const row of sorted) {
      const visible =
        (status === "all" || row.dataset.status === status) &&
        (!q ||
          (row.dataset.title ?? "").includes(q) ||
          (row.dataset.id ?? "").toLowerCase().includes(q));
      row.hidden = !visible;
      if (visible) shown++;
      tbody.appendChild(row);
    }
    count.textContent =
      shown === rows.length ? `${rows.length} plans` : `${shown} of ${rows.length} plans`;
    const next = new URLSearchParams();
    if (status !== "all") next.set("status", status);
    if (sort !== "number") next.set("sort", sort);
    if (q) next.set("q", q);
    history.replaceState(null, "", next.size ? `?${next}` : location.pathname);
  };
  form.addEventListener("change", apply);
  query.addEventListener("input", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  apply();
})();
