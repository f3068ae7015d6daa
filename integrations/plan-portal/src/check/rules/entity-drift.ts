import type { DataModel, NamedItem, Spec } from "../../parse/types.ts";
import { aliases, mentions, mentionsLoosely, nameWords } from "../entity-names.ts";
import type { PlanRule, Report } from "../types.ts";

/** The words of spec.md's Key Entities: each entity's name and description. */
function keyEntityWords(spec: Spec): string[] {
  return spec.entities.flatMap((e) => nameWords(`${e.name} ${e.description}`));
}

const namedIn = (words: readonly string[], e: NamedItem): boolean =>
  aliases(e.name).some((a) => mentions(words, a));

/** `StoragePosition` is the spec's `Position`, qualified: the key entity's words end its name. */
function qualifies(entity: string, keyEntity: string): boolean {
  const long = nameWords(entity);
  const short = nameWords(keyEntity);
  if (short.length === 0 || short.length >= long.length) return false;
  return short.every((w, i) => long[long.length - short.length + i] === w);
}

/** Each data model's answer, so `applies` and `check` on one plan compute it once. */
const unnamedBySpec = new WeakMap<DataModel, { spec: Spec; unnamed: NamedItem[] }>();

/** data-model.md's entities that spec.md's Key Entities never name. */
function unnamedInSpec(spec: Spec, model: DataModel): NamedItem[] {
  const known = unnamedBySpec.get(model);
  if (known?.spec === spec) return known.unnamed;
  const words = keyEntityWords(spec);
  const keys = spec.entities.flatMap((k) => aliases(k.name));
  const unnamed = model.entities.filter(
    (e) => !namedIn(words, e) && !aliases(e.name).some((a) => keys.some((k) => qualifies(a, k))),
  );
  unnamedBySpec.set(model, { spec, unnamed });
  return unnamed;
}

/**
 * spec.md's key entities that data-model.md never mentions anywhere, even loosely (a few words
 * between the name's words: `each monitored PostgreSQL instance` names Monitored Instance).
 */
function unnamedInModel(spec: Spec, model: DataModel): NamedItem[] {
  const words = nameWords(model.text);
  return spec.entities.filter((e) => !aliases(e.name).some((a) => mentionsLoosely(words, a)));
}

/**
 * Both directions of drift between the spec's Key Entities and data-model.md. Only when the two
 * share a vocabulary: at least one data-model entity is named by a key entity. Where none is
 * (a spec in Portuguese over English table names, a data model of config files), every entity
 * would be reported and none of it would help.
 */
export default {
  id: "entity-drift",
  scope: "feature",
  description:
    "Entities in data-model.md are named in spec.md's Key Entities, and each key entity appears in data-model.md.",
  severity: "info",
  applies: ({ plan }) => {
    const { spec, dataModel } = plan.feature;
    if (!spec || !dataModel || spec.entities.length === 0 || dataModel.entities.length === 0)
      return false;
    return unnamedInSpec(spec, dataModel).length < dataModel.entities.length;
  },
  check({ plan }, report) {
    const spec = plan.feature.spec!;
    const model = plan.feature.dataModel!;
    for (const e of unnamedInSpec(spec, model)) report(inModel(e, model));
    for (const e of unnamedInModel(spec, model)) report(inSpec(e, spec));
  },
} satisfies PlanRule;

function inModel(e: NamedItem, model: DataModel): Report {
  return {
    file: model.path,
    message: `data-model.md defines ${aliases(e.name)[0] ?? e.name}, which spec.md's Key Entities never name.`,
    hint: "Add it to spec.md's Key Entities (or name it in a key entity's description), or rename it to the spec's term so both documents say the same thing.",
    line: e.line,
    column: e.column,
    endLine: e.line,
    endColumn: e.column + e.name.length,
    messageId: "not-in-spec",
    data: { entity: e.name },
  };
}

function inSpec(e: NamedItem, spec: Spec): Report {
  return {
    file: spec.path,
    message: `Key entity ${aliases(e.name)[0] ?? e.name} is not named anywhere in data-model.md.`,
    hint: "Model it in data-model.md, or rename or drop it in spec.md so both documents use one term.",
    line: e.line,
    column: e.column,
    endLine: e.line,
    endColumn: e.column + e.name.length,
    messageId: "not-in-data-model",
    data: { entity: e.name },
  };
}
