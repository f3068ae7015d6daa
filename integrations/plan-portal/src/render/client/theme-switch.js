// @ts-check
// The light/dark switch in the portal's header (PortalFrame.astro inlines this after the page).
// The choice is kept in localStorage; without one the theme follows the system.
(() => {
  const button = document.getElementById("theme-toggle");
  if (!button) return;
  const root = document.documentElement;
  const dark = () =>
    root.dataset.theme
      ? root.dataset.theme === "dark"
      : matchMedia("(prefers-color-scheme: dark)").matches;
  const sync = () => button.setAttribute("aria-pressed", String(dark()));
  button.hidden = false;
  sync();
  button.addEventListener("click", () => {
    root.dataset.theme = dark() ? "light" : "dark";
    try {
      localStorage.setItem("plan-portal-theme", root.dataset.theme);
    } catch {}
    sync();
  });
})();
