// @ts-check
// Restores the chosen theme before first paint (PortalFrame.astro inlines this in <head>). "system"
// (or no choice) sets nothing: the colours follow the system's preference.
try {
  const t = localStorage.getItem("plan-portal-theme");
  if (t === "light" || t === "dark") document.documentElement.dataset.theme = t;
} catch {}
