import { AstroError } from "astro/errors";
import { InvalidOptions } from "./errors.ts";
import {
  PlanPortalOptionsSchema,
  type PlanPortalOptions,
  type PlanPortalUserOptions,
} from "./options.ts";

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
  throw new AstroError(InvalidOptions.message(issues), InvalidOptions.hint);
}
