import { AstroError } from "astro/errors";
import { describeError, InvalidOptions, type ErrorData } from "./errors.ts";
import {
  PlanPortalOptionsSchema,
  type PlanPortalOptions,
  type PlanPortalUserOptions,
} from "./options.ts";
import { ConfigFileInvalid } from "./sources/errors.ts";
import { issueLines as sourceIssueLines } from "./sources/schema.ts";

/**
 * A catalogue entry as the AstroError the integration throws: message and hint, and the entry's
 * `name` (Astro prints it as `[PlanPortalInvalidOptions] …`), `title` and `code`.
 */
export function astroError<E extends ErrorData>(
  entry: E,
  ...details: Parameters<E["message"]>
): AstroError & { code: string; title: string } {
  const { message, hint } = describeError(entry, ...details);
  return Object.assign(new AstroError(message, hint), {
    name: entry.name,
    title: entry.title,
    code: entry.name,
  });
}

/** Validate options once, first; zod issues become one readable message and a hint. */
export function parseUserOptions(user: PlanPortalUserOptions): PlanPortalOptions {
  const result = PlanPortalOptionsSchema.safeParse(user ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((issue) => {
      // A source is written alike here and in plan-portal.config.json: the same words for both.
      if (issue.path[0] === "sources") return sourceIssueLines([issue]);
      const where = issue.path.length ? issue.path.join(".") : "(options)";
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown option${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
          : issue.message;
      return `  - ${where}: ${message}`;
    })
    .join("\n");
  const error = astroError(InvalidOptions, issues);
  if (result.error.issues.some((issue) => issue.path[0] === "sources"))
    error.hint = `${ConfigFileInvalid.hint} ${error.hint}`;
  throw error;
}
