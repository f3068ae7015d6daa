// @ts-check
// The risk pages' filters (pages/risks.astro and risk-cell.astro inline this): owner, plan and
// plan status, kept in the URL. Rows and list items carry data-owner / data-plan / data-status;
// the matrix's counts come from risks-index.json, loaded on the first change.
(() => {
  const form = document.getElementById("risk-filters");
  if (!(form instanceof HTMLFormElement)) return;
  const owner = document.getElementById("risk-owner");
  const plan = document.getElementById("risk-plan");
  const status = document.getElementById("risk-status");
  const output = document.getElementById("risk-count");
  if (!(owner instanceof HTMLSelectElement) || !(status instanceof HTMLSelectElement)) return;
  if (!(plan instanceof HTMLInputElement) || !output) return;
  form.hidden = false;
  const params = new URLSearchParams(location.search);
  owner.value = params.get("owner") ?? "";
  plan.value = params.get("plan") ?? "";
  status.value = params.get("status") ?? "";
  /** @typedef {{ cells: string[], plans: [string, string][], owners: string[], risks: [number, number, number][] }} RiskIndex */
  /** @type {RiskIndex | null} */
  let data = null;
  /** @type {Promise<void> | null} */
  let loading = null;
  const url = form.dataset["index"];
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let urlTimer;
  let typing = false;

  const query = () => {
    const next = new URLSearchParams();
    if (owner.value) next.set("owner", owner.value);
    if (plan.value.trim()) next.set("plan", plan.value.trim());
    if (status.value) next.set("status", status.value);
    return next;
  };
  /** @param {string} o @param {string} p @param {string} s */
  const keeps = (o, p, s) => {
    const text = plan.value.trim().toLowerCase();
    return (
      (!owner.value || o === owner.value) &&
      (!text || p.includes(text)) &&
      (!status.value || s === status.value)
    );
  };
  /** @param {HTMLElement} e */
  const keepsElement = (e) =>
    keeps(e.dataset["owner"] ?? "", e.dataset["plan"] ?? "", e.dataset["status"] ?? "");

  /** The matrix: per-cell counts of the risks the filters keep, cells without any dimmed. */
  const recount = (/** @type {RiskIndex} */ index) => {
    const counts = index.cells.map(() => 0);
    for (const [cell, p, o] of index.risks) {
      const [text, s] = index.plans[p] ?? ["", ""];
      if (keeps(index.owners[o] ?? "", text, s)) counts[cell] = (counts[cell] ?? 0) + 1;
    }
    const suffix = query().toString();
    for (const td of document.querySelectorAll(
      "#risk-matrix td[data-cell], .cell-links li[data-cell]",
    )) {
      if (!(td instanceof HTMLElement)) continue;
      const at = index.cells.indexOf(td.dataset["cell"] ?? "");
      if (at < 0) continue;
      const n = counts[at] ?? 0;
      const number = td.querySelector(".n");
      if (number) number.textContent = String(n);
      const plural = td.querySelector(".s");
      if (plural) plural.textContent = n === 1 ? "" : "s";
      td.classList.toggle("filtered-out", n === 0);
      for (const a of td.querySelectorAll("a.cell-all, a[href*='/risks/']")) {
        if (!(a instanceof HTMLAnchorElement)) continue;
        a.search = suffix;
      }
    }
    output.textContent = `${counts.reduce((a, b) => a + b, 0)} of ${index.risks.length} rated risks`;
  };

  const apply = () => {
    const rows = [...document.querySelectorAll("#risk-list tbody tr, #risk-matrix li")];
    let shown = 0;
    for (const row of rows) {
      if (!(row instanceof HTMLElement)) continue;
      row.hidden = !keepsElement(row);
      if (!row.hidden && row.tagName === "TR") shown++;
    }
    const list = document.querySelector("#risk-list tbody");
    if (list && !url) output.textContent = `${shown} of ${list.children.length} risks`;
    // replaceState is slow in Chromium: while typing, the URL follows once the typing pauses.
    clearTimeout(urlTimer);
    const q = query();
    const keep = () => history.replaceState(null, "", q.size ? `?${q}` : location.pathname);
    if (typing) urlTimer = setTimeout(keep, 300);
    else keep();
    if (!url) return;
    if (data) recount(data);
    else
      loading ??= fetch(url)
        .then((r) => r.json())
        .then((/** @type {RiskIndex} */ json) => {
          data = json;
          recount(json);
        });
  };
  form.addEventListener("change", apply);
  plan.addEventListener("input", () => {
    typing = true;
    apply();
    typing = false;
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  if (location.search) apply();
})();
