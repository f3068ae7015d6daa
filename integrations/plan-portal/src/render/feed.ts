import { describeChange, isEmptyChange } from "../history/diff.ts";
import type { ChangelogEntry } from "../history/types.ts";
import { href, type UrlSettings } from "./url.ts";

/** How many changes the feed holds (newest first, across every plan). */
export const FEED_LIMIT = 200;

/** XML text: the five special characters escaped, characters XML 1.0 forbids dropped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export interface FeedPlan {
  id: string;
  title: string;
  changelog: ChangelogEntry[];
}

export interface FeedInput {
  title: string;
  settings: UrlSettings;
  /** The site's URL (Astro's `site`), for absolute links and ids; absent: relative links. */
  site: URL | undefined;
  plans: FeedPlan[];
  /** YYYY-MM-DD: the feed's `updated` when no plan has a change. */
  today: string;
}

function summary(entry: ChangelogEntry): string {
  if (isEmptyChange(entry.change)) return "Text edits only.";
  return describeChange(entry.change)
    .map(({ label, items }) => (items.length ? `${label}: ${items.join("; ")}` : label))
    .join("\n");
}

const isoUtc = (date: string) => new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * An Atom 1.0 feed (RFC 4287) of plan changes: one entry per commit and plan, newest first, each
 * with an id, a title, `updated`, the author, a link to the plan page and what changed as text.
 */
export function atomFeed(input: FeedInput): string {
  const url = (path: string) => (input.site ? new URL(path, input.site).href : path);
  const changes = input.plans
    .flatMap((plan) => plan.changelog.map((entry) => ({ plan, entry })))
    .sort((a, b) => Date.parse(b.entry.date) - Date.parse(a.entry.date))
    .slice(0, FEED_LIMIT);
  const updated = changes[0] ? isoUtc(changes[0].entry.date) : `${input.today}T00:00:00Z`;
  const self = url(href(input.settings, "feed.xml").replace(/\/$/, ""));
  const entries = changes.map(({ plan, entry }) =>
    [
      "  <entry>",
      `    <id>urn:plan-portal:change:${entry.hash}:${xmlEscape(encodeURIComponent(plan.id))}</id>`,
      `    <title>${xmlEscape(`${plan.title}: ${entry.subject}`)}</title>`,
      `    <updated>${isoUtc(entry.date)}</updated>`,
      `    <author><name>${xmlEscape(entry.author || "unknown")}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url(href(input.settings, plan.id)))}"/>`,
      `    <summary type="text">${xmlEscape(summary(entry))}</summary>`,
      "  </entry>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(input.site ? self : "urn:plan-portal:feed")}</id>`,
    `  <title>${xmlEscape(`${input.title}: plan changes`)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(url(href(input.settings)))}"/>`,
    "  <generator>plan-portal</generator>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
