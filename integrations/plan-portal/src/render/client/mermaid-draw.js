// @ts-check
// Draws the page's mermaid figures in the browser (MermaidClient.astro inlines this as a module
// script on pages whose diagrams had no SVG at build). Mermaid loads from the URL in the script
// element's data-mermaid-entry attribute.

/**
 * The part of mermaid's API used here.
 * @typedef {object} Mermaid
 * @property {(config: object) => void} initialize
 * @property {(id: string, source: string) => Promise<{ svg: string }>} render
 */

void (async () => {
  const pending = [...document.querySelectorAll("figure[data-mermaid] pre.mermaid-pending")];
  if (!pending.length) return;
  const entry = document.querySelector("script[data-mermaid-entry]");
  if (!(entry instanceof HTMLScriptElement)) return;
  /** @type {{ default: Mermaid }} */
  const { default: mermaid } = await import(entry.dataset.mermaidEntry ?? "");
  const root = document.documentElement;
  const dark = () =>
    root.dataset.theme
      ? root.dataset.theme === "dark"
      : matchMedia("(prefers-color-scheme: dark)").matches;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: dark() ? "dark" : "default",
    htmlLabels: false,
  });
  for (const [i, pre] of pending.entries()) {
    const source = pre.textContent ?? "";
    try {
      const { svg } = await mermaid.render("mermaid-client-" + i, source);
      const holder = document.createElement("div");
      holder.className = "diagram-drawn";
      holder.innerHTML = svg;
      // An image needs a name: the figure's ("Diagram in “Main Flow”").
      const drawn = holder.querySelector("svg");
      drawn?.setAttribute("role", "img");
      drawn?.setAttribute(
        "aria-label",
        pre.closest("figure")?.getAttribute("aria-label") ?? "Diagram",
      );
      pre.classList.remove("mermaid-pending");
      const details = document.createElement("details");
      details.innerHTML = "<summary>Diagram source</summary>";
      pre.replaceWith(holder);
      details.appendChild(pre);
      holder.after(details);
    } catch (error) {
      const note = document.createElement("figcaption");
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      note.textContent = "This diagram cannot be drawn: " + why;
      pre.before(note);
      pre.classList.remove("mermaid-pending");
    }
  }
})();
