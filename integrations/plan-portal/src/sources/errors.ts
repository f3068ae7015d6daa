import type { ErrorData } from "../errors.ts";

/** What can go wrong with a portal's sources: the config file, and each repository on the way in. */

export const ConfigFileInvalid = {
  name: "PlanPortalConfigFileInvalid",
  title: "Invalid plan-portal config file.",
  kind: "config",
  message: (file: string, issues: string) =>
    `${file} has settings plan-portal cannot use:\n${issues}`,
  hint: 'Each source is { "name", "path" } for a local folder or { "name", "git", "ref" } for a repository, with "specs" (default ["specs"]); see "Several repositories, one portal" in the README.',
} satisfies ErrorData;

export const ConfigFileUnreadable = {
  name: "PlanPortalConfigFileUnreadable",
  title: "plan-portal config file cannot be read.",
  kind: "config",
  message: (file: string, why: string) => `${file} cannot be read: ${why}.`,
  hint: "plan-portal.config.json must be JSON; plan-portal.config.mjs must `export default { sources: [...] }`.",
} satisfies ErrorData;

export const ConfigFileNotFound = {
  name: "PlanPortalConfigFileNotFound",
  title: "plan-portal config file not found.",
  kind: "usage",
  message: (file: string) => `No config file ${file}.`,
  hint: "Pass an existing file to --config, or leave --config out to use plan-portal.config.json or .mjs in the current folder.",
} satisfies ErrorData;

export const SourceFolderMissing = {
  name: "PlanPortalSourceFolderMissing",
  title: "A source's folder does not exist.",
  kind: "read",
  message: (name: string, folder: string) =>
    `Source "${name}": no folder ${folder}; its plans are not in the portal.`,
  hint: 'Fix the source\'s "path" (relative to the config file) or its "specs" folders.',
} satisfies ErrorData;

export const SourceNotGit = {
  name: "PlanPortalSourceNotGit",
  title: "A git source is not a git repository.",
  kind: "read",
  message: (name: string, where: string, why: string) =>
    `Source "${name}": ${where} is not a git repository that can be cloned (${why}); its plans are not in the portal.`,
  hint: 'Point "git" at a repository (an URL, or a folder holding .git), or use "path" for a plain folder.',
} satisfies ErrorData;

export const SourceRefUnknown = {
  name: "PlanPortalSourceRefUnknown",
  title: "A git source's ref does not exist.",
  kind: "read",
  message: (name: string, ref: string, kept: boolean) =>
    `Source "${name}": the repository has no branch, tag or commit "${ref}"; ${kept ? "the last good copy is used" : "its plans are not in the portal"}.`,
  hint: 'Fix "ref" (a branch, tag or commit of the repository), or remove it for the default branch.',
} satisfies ErrorData;

export const SourceUnreachable = {
  name: "PlanPortalSourceUnreachable",
  title: "A git source cannot be reached.",
  kind: "read",
  message: (name: string, where: string, why: string, kept: boolean) =>
    `Source "${name}": ${where} cannot be fetched (${why}); ${kept ? "the last good copy is used" : "its plans are not in the portal until it can be fetched"}.`,
  hint: "Check the URL, the network and your git credentials (git must run without asking for a password); the next build fetches again.",
} satisfies ErrorData;

export const SourceGitMissing = {
  name: "PlanPortalSourceGitMissing",
  title: "git is not available for git sources.",
  kind: "read",
  message: (name: string, why: string) =>
    `Source "${name}" is a git repository, but git cannot run (${why}); its plans are not in the portal.`,
  hint: "Install git and put it on PATH, then build again.",
} satisfies ErrorData;
