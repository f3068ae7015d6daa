import type { ImpactLevel, Level } from "../vocabulary.ts";

export type { ImpactLevel, Level } from "../vocabulary.ts";

/*
 * Reading the risk vocabulary (levels in ../vocabulary.ts), in one place: `risk-fields` accepts
 * exactly what the risk matrix can place. Emoji, emphasis and a trailing note
 * ("🔴 **High** (SC-003)", "高（影响核心流程）", "Medium — only on retries") are ignored.
 * The level words count in the languages real plans use (English, Chinese, Japanese, Korean,
 * Portuguese, Spanish, German, French, Italian). A number is a level only on a stated scale
 * ("2/3", "4 of 5"; the parser writes a bare score of a `Likelihood (1-5)` column that way):
 * "30%" or a bare "4" says no scale. Likelihood words that are not levels ("Likely", "Rare")
 * and impacts such as "Severe" stay off the matrix, as `risk-fields` documents.
 */

const clean = (v: string) =>
  v
    .replace(/[\p{Extended_Pictographic}\uFE0F*_`]/gu, "")
    .replace(/\s*[(（].*[)）]\s*$/, "")
    // A note after the level: "High — blocks checkout", "高：影响支付", "Low, rare in practice".
    .replace(/\s*(?:\s[-—–]\s|[—–:：,，;；、]).*$/, "")
    .trim()
    .toLowerCase();

const HIGH =
  /^(?:very\s+)?high$|^h$|^高い?$|^较高$|^很高$|^높음$|^alt[ao]$|^elevad[ao]$|^hoch$|^[ée]lev[ée]e?$/;
const MEDIUM =
  /^med(?:ium)?$|^m$|^中(?:等|程度)?$|^중간$|^보통$|^m[ée]di[ao]$|^mittel$|^moyen(?:ne)?$/;
const LOW =
  /^(?:very\s+)?low$|^l$|^低い?$|^较低$|^很低$|^낮음$|^baix[ao]$|^baj[ao]$|^bass[ao]$|^niedrig$|^gering$|^faible$/;
const CRITICAL = /^(?:critical|crítico|crítica|kritisch|critique|critico|致命|严重|重大|심각)$/;

/** A score on a stated scale: "2/3", "4 of 5", "7 out of 10". */
function scoredLevel(s: string): Level | null {
  const m = /^(\d+(?:\.\d+)?)\s*(?:\/|of|out of)\s*(\d+)$/.exec(s);
  if (!m) return null;
  const share = Number(m[1]) / Number(m[2]);
  if (!(share > 0) || share > 1) return null;
  return share > 2 / 3 ? "high" : share > 0.4 ? "medium" : "low";
}

export function levelOf(value: string): Level | null {
  const s = clean(value);
  if (HIGH.test(s)) return "high";
  if (MEDIUM.test(s)) return "medium";
  if (LOW.test(s)) return "low";
  return scoredLevel(s);
}

export function impactOf(value: string): ImpactLevel | null {
  return CRITICAL.test(clean(value)) ? "critical" : levelOf(value);
}
