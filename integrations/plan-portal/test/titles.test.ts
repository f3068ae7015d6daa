import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/parse/index.ts";
import { titleFromHeading, titleFromSpec } from "../src/parse/header.ts";
import { bundledProfiles } from "../src/template/profile.ts";
import { fixtureText } from "./helpers/fixtures.ts";

function parseFixture(specText: string | null) {
  return parsePlan(
    {
      id: "007-gc",
      folder: "007-gc",
      number: 7,
      path: "specs/007-gc/plan.md",
      group: "specs",
      text: fixtureText("title-placeholder"),
      problems: [],
      siblings: {
        spec: true,
        tasks: false,
        research: false,
        dataModel: false,
        quickstart: false,
        contracts: false,
      },
      tasksText: null,
      specText,
    },
    { templatePhrases: bundledProfiles().extended.phrases },
  );
}

describe("plan titles", () => {
  it("takes the spec's feature name when the H1 is still the template's [FEATURE]", () => {
    const p = parseFixture(fixtureText("title-placeholder", "spec.md"));
    expect([p.title, p.titleSource]).toEqual(["Gift cards", "spec"]);
  });

  it("falls back to the folder when no spec text is at hand", () => {
    const p = parseFixture(null);
    expect([p.title, p.titleSource]).toEqual(["Gc", "folder"]);
  });

  it.each([
    ["Implementation Plan: [FEATURE]", ""],
    ["Implementation Plan: <<FEATURE_NAME>>", ""],
    ["Implementation Plan: {{feature}}", ""],
    ["Implementation Plan: <feature-name>", ""],
    ["[Feature Name] Implementation Plan", ""],
    ["Plano técnico — Exportação em lote", "Exportação em lote"],
    ["Implementierungsplan – Gutscheine", "Gutscheine"],
    ["Plan técnico — Facturación", "Facturación"],
    ["Plan d’implémentation — Cartes cadeaux", "Cartes cadeaux"],
    ["Gutscheine – Implementierungsplan", "Gutscheine"],
    ["Implementation Plan - Gift cards", "Gift cards"],
    ["Plan-based routing", "Plan-based routing"],
    ["Rollout Plan", "Rollout Plan"],
  ])("%j → %j", (heading, title) => {
    expect(titleFromHeading(heading)).toBe(title);
  });

  it.each([
    ["# Feature Specification: Gift cards\n", "Gift cards"],
    ["# 機能仕様: ギフトカード\n", "ギフトカード"],
    ["# Especificação da Funcionalidade: Cartões-presente\n", "Cartões-presente"],
    ["# Feature Specification: [FEATURE NAME]\n", ""],
    ["No heading here\n", ""],
  ])("spec %j names %j", (spec, title) => {
    expect(titleFromSpec(spec)).toBe(title);
  });
});

describe("plan titles through the pipeline", () => {
  it("reads spec.md beside a plan whose H1 is still [FEATURE]", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { runPipeline } = await import("../src/pipeline.ts");
    const root = mkdtempSync(path.join(tmpdir(), "pp-title-"));
    const dir = path.join(root, "specs", "007-gc");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "plan.md"), fixtureText("title-placeholder"));
    writeFileSync(path.join(dir, "spec.md"), fixtureText("title-placeholder", "spec.md"));
    const result = await runPipeline({ roots: [path.join(root, "specs")], cwd: root });
    expect(result.plans.map((c) => c.plan.title)).toEqual(["Gift cards"]);
  });
});
