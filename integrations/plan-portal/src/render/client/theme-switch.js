// @ts-check
// The theme menu in the portal's header (PortalFrame.astro inlines this after the page): System,
// Light or Dark, kept in localStorage. "System" sets no data-theme, so the stylesheet's
// light-dark() colours follow prefers-color-scheme, live, as the system changes.
(() => {
  const select = /** @type {HTMLSelectElement | null} */ (document.getElementById("theme-select"));
  if (!select) return;
  const root = document.documentElement;
  const KEY = "plan-portal-theme";
  /** @param {string} choice */
  const apply = (choice) => {
    if (choice === "light" || choice === "dark") root.dataset.theme = choice;
    else delete root.dataset.theme;
  };
  let stored = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {}
  select.value = stored === "light" || stored === "dark" ? stored : "system";
  const label = select.closest("label");
  if (label) label.hidden = false;
  select.addEventListener("change", () => {
    apply(select.value);
    try {
      localStorage.setItem(KEY, select.value);
    } catch {}
  });
  // Another tab changed the choice: follow it here too.
  window.addEventListener("storage", (e) => {
    if (e.key !== KEY) return;
    select.value = e.newValue === "light" || e.newValue === "dark" ? e.newValue : "system";
    apply(select.value);
  });
})();
