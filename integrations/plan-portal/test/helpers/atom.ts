import sax from "sax";

/** An element of a parsed XML document: name, attributes, text and children. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/**
 * Parses `xml` with a strict (well-formedness checking) XML parser; throws on any error. sax comes
 * with Starlight's sitemap; the test only needs a real parser, not a validator.
 */
export function parseXml(xml: string): XmlNode {
  const parser = sax.parser(true, { xmlns: false });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: Object.fromEntries(
        Object.entries(tag.attributes).map(([k, v]) => [k, String(v)]),
      ),
      text: "",
      children: [],
    };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  };
  parser.ontext = (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);

/**
 * The Atom 1.0 rules a reader relies on (RFC 4287 §4.1): a `feed` root in the Atom namespace with
 * one id, title and updated (RFC 3339), and the same three in every entry. Returns what is wrong.
 */
export function atomProblems(feed: XmlNode): string[] {
  const problems: string[] = [];
  if (feed.name !== "feed") problems.push(`root is <${feed.name}>, not <feed>`);
  if (feed.attributes["xmlns"] !== "http://www.w3.org/2005/Atom")
    problems.push("not in the Atom namespace");
  const required = (node: XmlNode, where: string) => {
    for (const name of ["id", "title", "updated"]) {
      const found = node.children.filter((c) => c.name === name);
      if (found.length !== 1) problems.push(`${where} has ${found.length} <${name}>`);
    }
    const updated = child(node, "updated")?.text ?? "";
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(updated))
      problems.push(`${where} <updated> is not an RFC 3339 date: ${updated}`);
  };
  required(feed, "feed");
  feed.children.filter((c) => c.name === "entry").forEach((e, i) => required(e, `entry ${i + 1}`));
  return problems;
}
