import { AstroError } from "astro/errors";
import { describeError, InvalidOptions, type ErrorData } from "./errors.ts";
import {
  PlanPortalOptionsSchema,
  type PlanPortalOptions,
  type PlanPortalUserOptions,
} from "./options.ts";

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
      const where = issue.path.length ? issue.path.join(".") : "(options)";
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown option${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
          : issue.message;
      return `  - ${where}: ${message}`;
    })
    .join("\n");
  throw astroError(InvalidOptions, issues);
}
