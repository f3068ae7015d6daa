import type { ImpactLevel, Level } from "../vocabulary.ts";

export type { ImpactLevel, Level } from "../vocabulary.ts";

/*
 * Reading the risk vocabulary (levels in ../vocabulary.ts), in one place: `risk-fields` accepts
 * exactly what the risk matrix can place. Emoji, emphasis and a trailing note
 * ("🔴 **High** (SC-003)") are ignored.
 */

const clean = (v: string) =>
  v
    .replace(/[\p{Extended_Pictographic}\uFE0F*_]/gu, "")
    .replace(/\s*\(.*\)$/, "")
    .trim()
    .toLowerCase();

export function levelOf(value: string): Level | null {
  const s = clean(value);
  if (/^(very\s+)?high$|^h$|^高$|^높음$|^alt[ao]$/.test(s)) return "high";
  if (/^med(ium)?$|^m$|^中$|^중간$|^m[ée]di[ao]$/.test(s)) return "medium";
  if (/^(very\s+)?low$|^l$|^低$|^낮음$|^baix[ao]$|^baj[ao]$/.test(s)) return "low";
  return null;
}

export function impactOf(value: string): ImpactLevel | null {
  return /^(critical|crítico|crítica|致命|严重|重大|심각)$/.test(clean(value))
    ? "critical"
    : levelOf(value);
}
