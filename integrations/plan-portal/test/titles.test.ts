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
