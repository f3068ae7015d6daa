// @ts-check
// "On this page" marks the section being read (aria-current, which the stylesheet shows): the last
// heading above a line near the top of the window, the last one once the page is scrolled to its end.
// plan.astro inlines this after the page, only where plan pages ship scripts.
(() => {
  const toc = document.querySelector(".plan-aside .toc");
  if (!toc || !("IntersectionObserver" in window)) return;
  /** @type {Map<string, HTMLAnchorElement>} */
  const links = new Map();
  const anchors = /** @type {NodeListOf<HTMLAnchorElement>} */ (
    toc.querySelectorAll("a[href^='#']")
  );
  for (const a of anchors) links.set(decodeURIComponent(a.hash.slice(1)), a);
  const headings = [...links.keys()]
    .map((id) => document.getElementById(id))
    .filter((h) => h !== null);
  if (!headings.length) return;
  /** @type {HTMLAnchorElement | undefined} */
  let marked;
  const mark = () => {
    const line = Math.min(160, window.innerHeight * 0.3);
    const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    let current = atEnd ? headings[headings.length - 1] : headings[0];
    if (!atEnd) for (const h of headings) if (h.getBoundingClientRect().top <= line) current = h;
    const link = current && links.get(current.id);
    if (link === marked) return;
    marked?.removeAttribute("aria-current");
    link?.setAttribute("aria-current", "true");
    marked = link;
  };
  // Headings crossing the line (or the window's edges) are the only moments the mark can change.
  const observer = new IntersectionObserver(mark, { rootMargin: "0px 0px -70% 0px" });
  for (const h of headings) observer.observe(h);
  // Scrolled to the end, the last headings may never cross it.
  window.addEventListener("scrollend", mark);
  window.addEventListener("hashchange", mark);
  mark();
})();
