/**
 * Entity names compared the way a reader does: case, spacing, CamelCase and snake_case, and
 * singular/plural do not matter (`MonthlyReport` = `Monthly reports` = `monthly_report`).
 */

/** A text's words, lowercase and singular: `OrderLines and user_profiles` → order line and user profile. */
export function nameWords(text: string): string[] {
  // Words never span lines, so each ASCII line (most of data-model.md) takes the same steps
  // without Unicode property classes, which made this the check stage's hottest function
  // (bench:check profile, issue 19).
  const lines = NON_ASCII.test(text) ? text.split("\n") : [text];
  return lines
    .flatMap(lineWords)
    .filter((w) => w !== "")
    .map(singular);
}

function lineWords(line: string): string[] {
  if (NON_ASCII.test(line))
    return line
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
      .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u);
  return line
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
}

const NON_ASCII = /[^\x00-\x7f]/;

function singular(word: string): string {
  if (word.length <= 3 || /(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(?:s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

/**
 * Whether `name`'s words occur in `text`'s words, in order and adjacent; `WorkLog` also matches
 * `worklog` and the other way round (words joined).
 */
export function mentions(textWords: readonly string[], name: string): boolean {
  const needle = nameWords(name).join("");
  if (needle === "") return false;
  for (let i = 0; i < textWords.length; i++) {
    let joined = "";
    for (let j = i; j < textWords.length && joined.length < needle.length; j++) {
      joined += textWords[j];
      if (joined === needle) return true;
    }
  }
  return false;
}

/**
 * Whether `name`'s words occur in order in `textWords` with at most `slack` other words between
 * the first and the last: prose names a thing loosely (`each monitored PostgreSQL instance` is a
 * Monitored Instance).
 */
export function mentionsLoosely(textWords: readonly string[], name: string, slack = 2): boolean {
  const needle = nameWords(name);
  if (needle.length < 2) return mentions(textWords, name);
  for (let i = 0; i < textWords.length; i++) {
    if (textWords[i] !== needle[0]) continue;
    let k = 1;
    const end = Math.min(textWords.length, i + needle.length + slack);
    for (let j = i + 1; j < end && k < needle.length; j++) if (textWords[j] === needle[k]) k++;
    if (k === needle.length) return true;
  }
  return mentions(textWords, name);
}

/** `Monthly Report (derived)`, `컴포넌트(Component)`: the name, and a name given in brackets. */
export function aliases(name: string): string[] {
  const bracket = /[(（]([^)）]+)[)）]/.exec(name)?.[1]?.trim();
  const bare = name.replace(/\s*[(（][^)）]*[)）]?/g, "").trim();
  return [bare, ...(bracket ? [bracket] : [])].filter((n) => n !== "");
}
