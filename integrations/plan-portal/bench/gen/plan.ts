/**
 * One generated plan folder: plan.md (Spec Kit or speckitadv-extended shape) and, for most plans,
 * spec.md and tasks.md, some with research.md / data-model.md. Everything is drawn from a PRNG
 * seeded per plan, so a plan's text depends only on the seed, its index and the shapes.
 */
import { Rng } from "./prng.ts";
import type { Shapes } from "./shapes.ts";
import {
  AREAS,
  OBJECTS,
  OWNERS,
  PATTERNS,
  QUALIFIERS,
  QUESTIONS,
  RISKS,
  STATUSES,
  SUFFIXES,
  TECH,
  VERBS,
} from "./vocab.ts";

export const MIN_PLAN_BYTES = 3_000;
export const MAX_PLAN_BYTES = 40_000;
/** The date the generated deadlines are placed around (the benchmarks build with --today this). */
export const TODAY = "2026-11-25";

export interface PlanRef {
  /** Folder name, e.g. `042-billing-bulk-import`. */
  id: string;
  title: string;
}

export interface PlanInput {
  seed: string;
  /** Global index over all generated plans (0-based): fixes the title and the PRNG stream. */
  index: number;
  /** Number within its specs root (1-based). */
  number: number;
  /** Digits of the folder number (3, or 4 when a root holds more than 999 plans). */
  pad: number;
  /** Plans generated before this one in the same root (for cross-plan references). */
  earlier: readonly PlanRef[];
  shapes: Shapes;
}

export interface PlanOutput extends PlanRef {
  /** File name (relative to the plan folder) to content. */
  files: Record<string, string>;
  /** Deliberate defects drawn for this plan (what `plan-portal check` should find). */
  defects: string[];
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const upper = (s: string) => slug(s).replace(/-/g, "_").toUpperCase();
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Defect =
  | "nc-field"
  | "nc-inline"
  | "overdue"
  | "question-owner"
  | "risk-vocab"
  | "dependency-status"
  | "placeholder"
  | "component-location"
  | "mermaid-syntax"
  | "broken-link";

const DEFECTS: readonly (readonly [Defect, number])[] = [
  ["nc-field", 4],
  ["nc-inline", 2],
  ["overdue", 3],
  ["question-owner", 2],
  ["risk-vocab", 1],
  ["dependency-status", 1],
  ["placeholder", 2],
  ["component-location", 2],
  ["mermaid-syntax", 1],
  ["broken-link", 1],
];

interface Section {
  heading: string;
  parts: string[];
  /** Filler paragraphs may be appended here to reach the target size. */
  pad: boolean;
  /** May be dropped when the plan would exceed the maximum size. */
  optional?: boolean;
}

const render = (sections: Section[], head: string) =>
  head + sections.map((s) => `${s.heading}\n\n${s.parts.join("\n\n")}\n\n`).join("");

class Writer {
  readonly rng: Rng;
  readonly shapes: Shapes;
  readonly components: string[];
  readonly entities: string[];
  constructor(rng: Rng, shapes: Shapes, area: string) {
    this.rng = rng;
    this.shapes = shapes;
    const base = area.replace(/[^A-Za-z ]/g, "").trim();
    this.components = rng.sample(SUFFIXES, rng.int(5, 9)).map((s) => `${base} ${s}`);
    const words = ["Record", "Event", "Batch", "Item", "Setting", "Owner", "Schedule", "Version"];
    this.entities = rng.sample(words, rng.int(3, 6)).map((w) => upper(`${base} ${w}`));
  }
  sentence(): string {
    const r = this.rng;
    const c = r.pick(this.components);
    const forms = [
      () => `The ${c} ${r.pick(VERBS)} ${r.pick(OBJECTS)} before ${r.pick(OBJECTS)} are touched.`,
      () =>
        `${c} ${r.pick(VERBS)} ${r.pick(OBJECTS)} and keeps the result for ${r.int(1, 30)} days.`,
      () =>
        `We measured ${r.int(2, 90)} ms at p95 for ${r.pick(OBJECTS)} in the spike, well inside the budget.`,
      () => `Only ${r.pick(OBJECTS)} cross the boundary; everything else stays inside the ${c}.`,
      () => `A failure in the ${c} is retried ${r.int(2, 5)} times, then parked for an operator.`,
    ];
    return r.pick(forms)();
  }
  /** A prose paragraph: recombined from real plans when they were loaded, else generated. */
  paragraph(): string {
    if (this.shapes.paragraphs.length > 0 && this.rng.chance(0.7))
      return this.rng.pick(this.shapes.paragraphs);
    return Array.from({ length: this.rng.int(2, 5) }, () => this.sentence()).join(" ");
  }
  paragraphs(min: number, max: number): string[] {
    return Array.from({ length: this.rng.int(min, max) }, () => this.paragraph());
  }
  bullets(min: number, max: number): string {
    return Array.from({ length: this.rng.int(min, max) }, () => `- ${this.sentence()}`).join("\n");
  }
  table(header: string[], rows: string[][]): string {
    return [
      `| ${header.join(" | ")} |`,
      `|${header.map((h) => "-".repeat(Math.max(3, h.length + 2))).join("|")}|`,
      ...rows.map((r) => `| ${r.join(" | ")} |`),
    ].join("\n");
  }
  node(name: string): string {
    return name
      .split(" ")
      .map((w) => w.slice(0, 3).toUpperCase())
      .join("")
      .replace(/[^A-Z0-9]/g, "");
  }
  flowchart(broken: boolean): string {
    const r = this.rng;
    const lines = [
      `graph ${r.pick(["TB", "LR"])}`,
      "  classDef P1 fill:#90EE90,stroke:#1f2937,color:#111;",
      "  classDef P2 fill:#FFD700,stroke:#1f2937,color:#111;",
      "  classDef P3 fill:#FFA500,stroke:#1f2937,color:#111;",
      "  classDef P4 fill:#D3D3D3,stroke:#1f2937,color:#111;",
      "  classDef existing fill:#87CEEB,stroke:#1f2937,color:#111;",
      "",
      "  USER[User - web and mobile]:::existing --> GW[API Gateway]:::existing",
    ];
    const phases = ["P1", "P1", "P2", "P3", "P4", "existing"];
    const ids: string[] = ["GW"];
    this.components.forEach((c, i) => {
      const id = `${this.node(c)}${i}`;
      const from = r.pick(ids);
      const label = r.chance(0.4) ? `|${r.pick(VERBS)}|` : "";
      lines.push(`  ${from} -->${label} ${id}[${c}]:::${i < 2 ? "P1" : r.pick(phases)}`);
      ids.push(id);
    });
    if (r.chance(0.6))
      lines.push(`  ${r.pick(ids.slice(1))} --> DB[(Primary database)]:::existing`);
    if (broken) lines.push(`  ${r.pick(ids)} --> BROKEN{Decide`);
    lines.push(
      "",
      "  LEGEND[Legend: P1=Green MVP - P2=Yellow Extended - P3=Orange Enhanced - P4=Gray Future - Existing=Blue]",
    );
    return "```mermaid\n" + lines.join("\n") + "\n```";
  }
  sequence(resource: string): string {
    const r = this.rng;
    const [a, b, c] = r.sample(this.components, 3);
    const lines = [
      "sequenceDiagram",
      "  participant U as Client",
      `  participant A as ${a}`,
      `  participant B as ${b ?? "Database"}`,
      `  U->>A: POST /api/v1/${resource}`,
      `  A->>B: ${r.pick(VERBS)} ${r.pick(OBJECTS)}`,
      "  alt success",
      "    B-->>A: ok",
      "    A-->>U: 201 Created",
      "  else conflict",
      "    B-->>A: conflict",
      "    A-->>U: 409 Conflict",
      "  end",
    ];
    if (c) lines.push(`  A->>${"B"}: ${r.pick(VERBS)} ${r.pick(OBJECTS)} (${c})`);
    return "```mermaid\n" + lines.join("\n") + "\n```";
  }
  erDiagram(): string {
    const r = this.rng;
    const es = this.entities;
    const lines = ["erDiagram"];
    for (let i = 1; i < es.length; i++)
      lines.push(
        `    ${es[r.int(0, i - 1)]} ${r.pick(["||--o{", "||--|{", "||--o|", "}o--o{"])} ${es[i]} : "${r.pick(["has", "owns", "references", "groups"])}"`,
      );
    for (const e of es) {
      lines.push(`    ${e} {`, "        uuid id PK");
      for (let k = 0; k < r.int(2, 6); k++)
        lines.push(
          `        ${r.pick(["string", "int", "bigint", "timestamp", "jsonb", "boolean"])} ${r.pick(["name", "status", "created_at", "amount_minor", "payload", "version", "owner_id", "tenant_id"])}_${k}`,
        );
      lines.push("    }");
    }
    return "```mermaid\n" + lines.join("\n") + "\n```";
  }
}

export function generatePlan(input: PlanInput): PlanOutput {
  const rng = new Rng(`${input.seed}:${input.index}`);
  const { shapes } = input;
  const area = AREAS[input.index % AREAS.length]!;
  const round = Math.floor(input.index / AREAS.length);
  const qualifier = QUALIFIERS[(round + input.index) % QUALIFIERS.length]!;
  const title = `${area} ${qualifier}`.replace(/^./, (c) => c.toUpperCase());
  const num = String(input.number).padStart(input.pad, "0");
  const id = `${num}-${slug(`${area} ${qualifier}`)}`;
  const resource = slug(area) + (round > 0 ? `-${round + 1}` : "");
  const codePrefix = upper(area) + (round > 0 ? String(round + 1) : "");
  const w = new Writer(rng, shapes, area);

  // Size: drawn from the real plans' distribution (clamped), with some jitter.
  const base = shapes.sizes.length > 0 ? rng.pick(shapes.sizes) : rng.int(4_000, 26_000);
  const target = Math.round(
    Math.min(
      MAX_PLAN_BYTES - 1_500,
      Math.max(MIN_PLAN_BYTES + 400, base * (0.85 + rng.next() * 0.3)),
    ),
  );
  const extended = target >= 11_000 ? rng.chance(0.8) : rng.chance(0.15);
  const defects = new Set<Defect>();
  if (rng.chance(0.45)) for (let k = rng.int(1, 3); k > 0; k--) defects.add(rng.weighted(DEFECTS));
  const status = rng.weighted(STATUSES);
  const date = addDays("2025-09-01", rng.int(0, 440));
  const hasSpec = rng.chance(0.92);
  const hasTasks = rng.chance(0.88);
  const hasResearch = rng.chance(0.3);
  const hasDataModel = extended && rng.chance(0.3);
  const related = input.earlier.length > 0 ? rng.sample(input.earlier, rng.int(0, 3)) : [];
  const link = (p: PlanRef) => `[${p.id}](../${p.id}/plan.md)`;

  // Header
  let head = "";
  if (rng.chance(0.06))
    head += `---\nowner: "${rng.pick(OWNERS)}"\nstatus: ${slug(status)}\ntags: [${slug(area)}, bench]\n---\n\n`;
  head += `# Implementation Plan: ${title}\n\n`;
  head += `**Branch**: \`${id}\` | **Date**: ${date} | **Spec**: ${hasSpec ? "[spec.md](./spec.md)" : "N/A"}\n`;
  head += `**Input**: Feature specification from \`/specs/${id}/spec.md\`\n`;
  if (rng.chance(0.85)) head += `**Status**: ${status}\n`;
  head += "\n";

  const sections: Section[] = [];
  // Summary
  const summary = w.paragraphs(1, 3);
  if (related.length > 0)
    summary.push(
      `This plan builds on ${related.map(link).join(", ")}; changes there are tracked in the dependencies below.`,
    );
  if (defects.has("nc-inline"))
    summary.push(
      `[NEEDS CLARIFICATION: ${rng.pick(QUESTIONS).replace(/\?$/, "")} — waiting for product input]`,
    );
  if (defects.has("broken-link")) summary.push(`Background notes are in [notes.md](./notes.md).`);
  sections.push({ heading: "## Summary", parts: summary, pad: true });

  // Technical Context
  const ncField = defects.has("nc-field") ? rng.pick(Object.keys(TECH)) : "";
  const phField = defects.has("placeholder") ? rng.pick(["Storage", "Testing"]) : "";
  const tech = Object.entries(TECH).map(([field, values]) => {
    let value = rng.pick(values);
    if (field === ncField)
      value = rng.chance(0.5) ? `${value} or NEEDS CLARIFICATION` : "NEEDS CLARIFICATION";
    if (field === phField) value = `[e.g., ${value} or N/A]`;
    return `**${field}**: ${value}`;
  });
  sections.push({ heading: "## Technical Context", parts: [tech.join("  \n")], pad: false });

  // Constitution Check
  const principles = [
    "Tenant isolation",
    "Contract-first",
    "Test discipline",
    "Observable by default",
    "Services own their data",
    "Accessible UI",
    "Simplicity",
  ];
  sections.push({
    heading: "## Constitution Check",
    parts: [
      "*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*",
      w.table(
        ["Principle", "Status", "Notes"],
        rng
          .sample(principles, rng.int(3, 7))
          .map((p, i) => [
            `${["I", "II", "III", "IV", "V", "VI", "VII"][i]}. ${p}`,
            rng.chance(0.9) ? "✅" : "⚠️ → ✅",
            w.sentence(),
          ]),
      ),
    ],
    pad: false,
  });

  // Project Structure
  const siblings = [
    "plan.md",
    ...(hasSpec ? ["spec.md"] : []),
    ...(hasResearch ? ["research.md"] : []),
    ...(hasDataModel ? ["data-model.md"] : []),
    ...(hasTasks ? ["tasks.md"] : []),
  ];
  const tree = siblings.map((s, i) => `${i === siblings.length - 1 ? "└──" : "├──"} ${s}`);
  const src = w.components.map(
    (c, i) => `${i === w.components.length - 1 ? "└──" : "├──"} ${slug(c)}.ts`,
  );
  sections.push({
    heading: "## Project Structure",
    parts: [
      "### Documentation (this feature)",
      "```text\nspecs/" + id + "/\n" + tree.join("\n") + "\n```",
      "### Source Code (repository root)",
      "```text\nservices/" + resource + "/src/\n" + src.join("\n") + "\n```",
      `**Structure Decision**: ${w.sentence()}`,
    ],
    pad: false,
  });

  sections.push({
    heading: "## Complexity Tracking",
    parts: [
      rng.chance(0.5)
        ? w.table(
            ["Violation", "Why Needed", "Simpler Alternative Rejected Because"],
            Array.from({ length: rng.int(1, 3) }, () => [w.sentence(), w.sentence(), w.sentence()]),
          )
        : "No violations: the design stays within the constitution.",
    ],
    pad: false,
  });

  if (extended) {
    const arch: string[] = [
      "### Component Interaction Diagram",
      `**Purpose**: ${w.sentence()}`,
      w.flowchart(defects.has("mermaid-syntax")),
      "### Architecture Pattern",
      `**Pattern Used**: ${rng.pick(PATTERNS)}.`,
      `**Justification**: ${w.sentence()} ${w.sentence()}`,
      "**Trade-offs**:",
      `- **Optimizing for**: ${w.sentence()}\n- **Trade-off**: ${w.sentence()}`,
      "### Component Responsibilities",
      w.table(
        ["Component", "Responsibility", "New/Modified", "Phase", "Location"],
        w.components.map((c, i) => [
          c,
          `${rng.pick(VERBS).replace(/^./, (x) => x.toUpperCase())} ${rng.pick(OBJECTS)}`,
          rng.chance(0.7) ? "New" : "Modified",
          i < 2 ? "P1" : rng.pick(["P1", "P2", "P3", "P4"]),
          defects.has("component-location") && i === w.components.length - 1
            ? ""
            : `\`services/${resource}/src/${slug(c)}.ts\``,
        ]),
      ),
    ];
    if (rng.chance(0.5)) arch.push("### Main Flow", w.sequence(resource));
    sections.push({ heading: "## High-Level Architecture", parts: arch, pad: true });

    const codes = rng.sample(
      [
        "NOT_FOUND",
        "CONFLICT",
        "EXPIRED",
        "LIMIT_EXCEEDED",
        "INVALID_STATE",
        "FORBIDDEN",
        "UPSTREAM_TIMEOUT",
      ],
      rng.int(2, 6),
    );
    const statusOf: Record<string, number> = {
      NOT_FOUND: 404,
      CONFLICT: 409,
      EXPIRED: 410,
      LIMIT_EXCEEDED: 429,
      INVALID_STATE: 422,
      FORBIDDEN: 403,
      UPSTREAM_TIMEOUT: 504,
    };
    sections.push({
      heading: "## Cross-Cutting Concerns",
      parts: [
        "### Error Handling",
        `**Strategy**: ${w.sentence()}`,
        "**Error Codes**:",
        codes.map((c) => `- \`${codePrefix}_${c}\` (${statusOf[c]}) — ${w.sentence()}`).join("\n"),
        "### Security",
        ...w.paragraphs(1, 2),
        "### Observability",
        w.bullets(2, 4),
      ],
      pad: true,
    });

    if (rng.chance(0.6))
      sections.push({
        heading: "## Data Architecture",
        parts: [
          "### Data Model",
          "**Entities** (Phase-Colored):",
          w.entities
            .map((e) => `- **${e}** (${rng.pick(["P1", "P2"])}) — ${w.sentence()}`)
            .join("\n"),
          "**Entity Relationship Diagram**:",
          w.erDiagram(),
        ],
        pad: true,
        optional: true,
      });

    if (rng.chance(0.6)) {
      const endpoints = rng.sample(["GET", "POST", "PUT", "DELETE"], rng.int(1, 3));
      sections.push({
        heading: "## Integration Architecture",
        parts: [
          "### External Dependencies",
          w.table(
            ["Dependency", "Type", "Protocol", "Auth", "Purpose", "Criticality", "SLA"],
            Array.from({ length: rng.int(2, 5) }, () => [
              rng.pick([
                "Stripe",
                "SendGrid",
                "Auth0",
                "S3",
                "EventBridge",
                "Partner API",
                "Search cluster",
              ]),
              rng.pick(["REST API", "Event bus", "SDK", "Object storage"]),
              "HTTPS",
              rng.pick(["API key", "mTLS", "IAM", "OAuth2"]),
              rng.pick(OBJECTS),
              rng.pick(["Critical", "High", "Medium"]),
              `${rng.pick(["99.9", "99.95", "99.99"])}%`,
            ]),
          ),
          "### API Contracts",
          ...endpoints.flatMap((m) => [
            `#### Endpoint: ${m} /api/v1/${resource}${m === "POST" ? "" : "/{id}"}`,
            `**Purpose**: ${w.sentence()}`,
            "**Response** (Success - 200):",
            '```json\n{ "id": "0b6f3c2e-9d41-4e8a-b7a5-5c1e2d3f4a6b", "status": "active", "version": ' +
              rng.int(1, 9) +
              " }\n```",
          ]),
        ],
        pad: false,
        optional: true,
      });
    }
  }

  // Corpus-shaped extra sections: headings a real plan used beyond the template's.
  // Plain plans always get one such section, so that padding is not all in the Summary.
  if (!extended || rng.chance(0.3)) {
    const known =
      /summary|technical context|constitution|project structure|complexity|architecture|risk|question|cross-cutting|integration|data|migration|rollout/i;
    const extra = (shapes.headingSets.length > 0 ? rng.pick(shapes.headingSets) : []).filter(
      (h) => !known.test(h) && !/[<>[\]`*_]/.test(h),
    );
    if (!extended && extra.length === 0)
      extra.push(rng.pick(["Approach", "Testing Strategy", "Implementation Phases", "Next Steps"]));
    for (const h of extra.slice(0, 3))
      sections.push({ heading: `## ${h}`, parts: [w.paragraph()], pad: true, optional: true });
  }

  // Risks, dependencies and open questions (every extended plan; some plain ones).
  if (extended || rng.chance(0.35)) {
    const levels = ["Low", "Medium", "High"];
    const risks = rng
      .sample(RISKS, rng.int(2, 5))
      .map((risk, i) => [
        risk,
        defects.has("risk-vocab") && i === 0 ? "Sometimes" : rng.pick(levels),
        rng.pick([...levels, "Critical"]),
        w.sentence(),
        rng.pick(OWNERS),
      ]);
    const deps = Array.from({ length: rng.int(1, 4) }, (_, i) => {
      const plan = related[i];
      return [
        plan ? `${plan.title} (${link(plan)})` : `${rng.pick(SUFFIXES)} from the platform team`,
        rng.pick(OWNERS),
        addDays(date, rng.int(7, 120)),
        defects.has("dependency-status") && i === 0
          ? "Waiting"
          : rng.weighted([
              ["Done", 3],
              ["In Progress", 3],
              ["Blocked", 0.4],
            ] as const),
        rng.pick(OBJECTS),
        rng.pick(levels),
      ];
    });
    const questions = rng.sample(QUESTIONS, rng.int(1, 4)).map((q, i) => {
      const n = i + 1;
      if (rng.chance(0.25))
        return `${n}. **Q${n}** (Resolved ${addDays(date, rng.int(3, 40))}): ${q} — **Answer**: ${w.sentence()}`;
      const overdue = defects.has("overdue") && i === 0;
      const deadline = overdue ? addDays(TODAY, -rng.int(5, 90)) : addDays(TODAY, rng.int(5, 200));
      const fields = [
        ...(defects.has("question-owner") && i === 0
          ? []
          : [`    - **Owner**: ${rng.pick(OWNERS)}`]),
        `    - **Deadline**: ${deadline}`,
        `    - **Impact**: ${w.sentence()}`,
      ];
      return `${n}. **Q${n}**: ${q}\n${fields.join("\n")}`;
    });
    sections.push({
      // A plain plan with a "Risk Assessment" section would be read as the extended template.
      heading: extended ? "## Risk Assessment" : "## Risks",
      parts: [
        "### Risks",
        w.table(["Risk", "Probability", "Impact", "Mitigation", "Owner"], risks),
        "### Dependencies & Blockers",
        w.table(["Dependency", "Owner", "Due Date", "Status", "Impact", "Risk"], deps),
        "### Open Questions",
        questions.join("\n\n"),
      ],
      pad: false,
    });
  }

  // Fit the size: drop optional sections while too large, then pad with prose up to the target.
  while (bytes(render(sections, head)) > MAX_PLAN_BYTES) {
    const i = sections.findLastIndex((s) => s.optional);
    if (i < 0) break;
    sections.splice(i, 1);
  }
  let size = bytes(render(sections, head));
  const paddable = sections.filter((s) => s.pad);
  while (size < target) {
    let p = w.paragraph();
    if (size + bytes(p) + 2 > target + 200) p = w.sentence();
    if (size + bytes(p) + 2 > MAX_PLAN_BYTES) break;
    rng.pick(paddable).parts.push(p);
    size += bytes(p) + 2;
  }
  const plan = render(sections, head).replace(/\n+$/, "\n");

  const files: Record<string, string> = { "plan.md": plan };
  if (hasSpec) files["spec.md"] = spec(w, id, title, date, status);
  if (hasTasks) files["tasks.md"] = tasks(w, id, title, status);
  if (hasResearch) files["research.md"] = research(w, title);
  if (hasDataModel)
    files["data-model.md"] = `# Data Model: ${title}\n\n${w.paragraph()}\n\n${w.erDiagram()}\n`;
  return { id, title, files, defects: [...defects] };
}

function spec(w: Writer, id: string, title: string, date: string, status: string): string {
  const r = w.rng;
  const stories = Array.from({ length: r.int(1, 4) }, (_, i) =>
    [
      `### User Story ${i + 1} - ${r.pick(VERBS).replace(/^./, (c) => c.toUpperCase())} ${r.pick(OBJECTS)} (Priority: P${Math.min(i + 1, 3)})`,
      w.paragraph(),
      `**Why this priority**: ${w.sentence()}`,
      "**Acceptance Scenarios**:",
      Array.from(
        { length: r.int(1, 3) },
        (_, k) =>
          `${k + 1}. **Given** ${r.pick(OBJECTS)}, **When** the ${r.pick(w.components)} runs, **Then** ${w.sentence()}`,
      ).join("\n"),
    ].join("\n\n"),
  );
  const reqs = Array.from(
    { length: r.int(3, 10) },
    (_, i) =>
      `- **FR-${String(i + 1).padStart(3, "0")}**: System MUST ${r.pick(VERBS).replace(/s$/, "")} ${r.pick(OBJECTS)}.`,
  );
  return (
    [
      `# Feature Specification: ${title}`,
      `**Feature Branch**: \`${id}\`  \n**Created**: ${date}  \n**Status**: ${status}`,
      "## User Scenarios & Testing *(mandatory)*",
      ...stories,
      "## Requirements *(mandatory)*",
      reqs.join("\n"),
      "## Success Criteria",
      w.bullets(2, 4),
    ].join("\n\n") + "\n"
  );
}

function tasks(w: Writer, id: string, title: string, status: string): string {
  const r = w.rng;
  const doneRate = status === "Implemented" ? 1 : status === "Approved" ? 0.6 : 0.15;
  let t = 0;
  const phases = ["Setup", "Foundational", "User Story 1", "User Story 2", "Polish"].slice(
    0,
    r.int(2, 5),
  );
  const body = phases.map((p, i) => {
    const lines = Array.from({ length: r.int(2, 9) }, () => {
      t++;
      const done = r.chance(doneRate) ? "x" : " ";
      const par = r.chance(0.4) ? " [P]" : "";
      return `- [${done}] T${String(t).padStart(3, "0")}${par} ${w.sentence()} in \`services/${slug(title)}/src/${slug(r.pick(w.components))}.ts\``;
    });
    return `## Phase ${i + 1}: ${p}\n\n${lines.join("\n")}`;
  });
  return `---\ndescription: "Task list for ${id}"\n---\n\n# Tasks: ${title}\n\n**Input**: Design documents from \`/specs/${id}/\`\n\n${body.join("\n\n---\n\n")}\n`;
}

function research(w: Writer, title: string): string {
  const r = w.rng;
  const items = Array.from({ length: r.int(1, 4) }, (_, i) =>
    [
      `## Decision ${i + 1}: ${r.pick(PATTERNS)}`,
      `**Decision**: ${w.sentence()}`,
      `**Rationale**: ${w.paragraph()}`,
      `**Alternatives considered**: ${w.sentence()}`,
    ].join("\n\n"),
  );
  return `# Research: ${title}\n\n${items.join("\n\n")}\n`;
}
