/**
 * A fast structural check of mermaid source, run on every plan by `check`: known diagram type,
 * balanced brackets and quotes per statement, flowchart arrows. It catches the mistakes plans
 * actually contain (an unclosed `[label`, a typo in the diagram keyword) without a DOM.
 */

export interface MermaidProblem {
  message: string;
  hint: string;
  /** 1-based line and column inside the diagram source. */
  line: number;
  column: number;
}

const KINDS = new Set([
  "graph",
  "flowchart",
  "sequenceDiagram",
  "classDiagram",
  "classDiagram-v2",
  "stateDiagram",
  "stateDiagram-v2",
  "erDiagram",
  "journey",
  "gantt",
  "pie",
  "quadrantChart",
  "requirementDiagram",
  "gitGraph",
  "C4Context",
  "C4Container",
  "C4Component",
  "C4Dynamic",
  "C4Deployment",
  "mindmap",
  "timeline",
  "zenuml",
  "sankey-beta",
  "sankey",
  "xychart-beta",
  "xychart",
  "block-beta",
  "block",
  "packet-beta",
  "packet",
  "kanban",
  "architecture-beta",
  "architecture",
  "radar-beta",
  "treemap-beta",
]);

const PAIRS: Record<string, string> = { "[": "]", "(": ")", "{": "}" };

function checkBrackets(text: string, line: number, braces: boolean): MermaidProblem | null {
  const stack: { ch: string; column: number }[] = [];
  let quote = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote >= 0) {
      if (ch === '"') quote = -1;
      continue;
    }
    if (ch === '"') quote = i;
    else if (!braces && (ch === "{" || ch === "}")) continue;
    else if (PAIRS[ch]) stack.push({ ch, column: i + 1 });
    else if (ch === "]" || ch === ")" || ch === "}") {
      const open = stack.pop();
      if (!open || PAIRS[open.ch] !== ch) {
        return {
          message: `unexpected "${ch}"${open ? ` (expected "${PAIRS[open.ch]}" to close "${open.ch}" at column ${open.column})` : ""}.`,
          hint: "Balance the brackets of the node label, or quote the label.",
          line,
          column: i + 1,
        };
      }
    }
  }
  if (quote >= 0)
    return {
      message: "unterminated string.",
      hint: "Close the label's quote (\").",
      line,
      column: quote + 1,
    };
  const open = stack.pop();
  if (open)
    return {
      message: `"${open.ch}" is never closed.`,
      hint: `Close it with "${PAIRS[open.ch]}" on the same line.`,
      line,
      column: open.column,
    };
  return null;
}

/** Index of the line holding the diagram keyword: after front matter, blank lines and `%%` lines. */
function headerIndex(lines: string[]): number {
  let index = 0;
  // Front matter (`---` … `---`) and `%%` directives or comments may precede the diagram keyword.
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
    index = end < 0 ? lines.length : end + 1;
  }
  while (
    index < lines.length &&
    (lines[index]!.trim() === "" || lines[index]!.trim().startsWith("%%"))
  )
    index++;
  return index;
}

/** A flowchart header's direction, when it is not one mermaid knows. */
function directionProblem(header: string, line: number): MermaidProblem | null {
  if (/^\s*(graph|flowchart)(\s+(TB|TD|BT|RL|LR))?\s*;?\s*$/.test(header)) return null;
  const direction = header.trim().split(/\s+/)[1] ?? "";
  return {
    message: `unknown direction "${direction}".`,
    hint: "Use TB, TD, BT, RL or LR.",
    line,
    column: header.indexOf(direction) + 1,
  };
}

/** Entity and class bodies `{ … }` span lines; they are balanced over the whole diagram. */
function bodyProblems(lines: string[], from: number): MermaidProblem[] {
  const problems: MermaidProblem[] = [];
  let body: { line: number; column: number } | null = null;
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]!;
    // Relationship cardinalities (`||--|{`, `}o..o{`) hold braces too; bodies open at a line's end.
    const open =
      /\{\s*$/.test(text) && !/[|o}{]{2}(--|\.\.)[|o}{]{2}/.test(text) ? text.lastIndexOf("{") : -1;
    const close = /^\s*\}\s*$/.test(text) ? text.indexOf("}") : -1;
    if (open >= 0) {
      if (body) {
        problems.push({
          message: '"{" is never closed: another body starts before its "}".',
          hint: "Close each entity or class body with } before starting the next.",
          line: body.line,
          column: body.column,
        });
      }
      body = { line: i + 1, column: open + 1 };
    } else if (close >= 0) {
      if (!body)
        problems.push({
          message: 'unexpected "}".',
          hint: "Remove it, or open the body with { after the name.",
          line: i + 1,
          column: close + 1,
        });
      body = null;
    }
  }
  if (body)
    problems.push({
      message: '"{" is never closed.',
      hint: "Close the body with } on its own line.",
      line: body.line,
      column: body.column,
    });
  return problems;
}

/** Per statement: balanced brackets and quotes, and (in flowcharts) arrows mermaid knows. */
function statementProblems(lines: string[], from: number, flow: boolean): MermaidProblem[] {
  const problems: MermaidProblem[] = [];
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]!;
    const trimmed = text.trim();
    if (trimmed === "" || trimmed.startsWith("%%")) continue;
    // classDef/style bodies are CSS-like and may legitimately hold odd characters.
    if (/^(classDef|style|linkStyle|click)\b/.test(trimmed)) continue;
    // `A>label]` is mermaid's asymmetric node: its ">" opens the "]".
    const problem = checkBrackets(
      flow ? text.replace(/(\w)>([^\]\n]*)\]/g, "$1 $2 ") : text,
      i + 1,
      flow,
    );
    if (problem) problems.push(problem);
    if (flow) {
      const bad = /(?<![<\-=.])(-->>|->>|<<--)/.exec(text);
      if (bad && !/\|/.test(text.slice(0, bad.index))) {
        problems.push({
          message: `"${bad[1]}" is not a flowchart arrow.`,
          hint: "Use -->, ---, -.->, ==> or --o.",
          line: i + 1,
          column: bad.index + 1,
        });
      }
    }
  }
  return problems;
}

export function validateMermaid(source: string): MermaidProblem[] {
  const lines = source.split("\n");
  const index = headerIndex(lines);
  const header = lines[index];
  if (header === undefined)
    return [
      {
        message: "the diagram is empty.",
        hint: "Write the diagram, or remove the empty mermaid block.",
        line: 1,
        column: 1,
      },
    ];
  const keyword = header.trim().split(/[\s;]/)[0]!;
  if (!KINDS.has(keyword)) {
    return [
      {
        message: `unknown diagram type "${keyword}".`,
        hint: "Start the block with a mermaid diagram type such as graph TB, flowchart LR, erDiagram or sequenceDiagram.",
        line: index + 1,
        column: header.indexOf(keyword) + 1,
      },
    ];
  }
  const flow = keyword === "graph" || keyword === "flowchart";
  const direction = flow ? directionProblem(header, index + 1) : null;
  if (!flow && keyword !== "erDiagram" && keyword !== "classDiagram") return [];
  return [
    ...(direction ? [direction] : []),
    ...(flow ? [] : bodyProblems(lines, index + 1)),
    ...statementProblems(lines, index + 1, flow),
  ];
}
