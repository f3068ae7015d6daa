/** How each derived status reads (written once, in the vocabulary). */
export { PLAN_STATUS_LABELS as STATUS_LABELS } from "../vocabulary.ts";
