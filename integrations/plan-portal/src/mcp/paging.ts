import { toolError, CursorInvalid } from "./errors.ts";

/** One page of a list: what an agent reads now, and the cursor for the rest. */
export interface Page<T> {
  items: T[];
  /** How many items the whole answer has. */
  total: number;
  /** Pass back as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

export interface PageRequest {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Default and largest page: small enough for an agent's context, large enough to be useful. */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/**
 * The page of `items` a request asks for. The cursor is the offset of the next item, written as
 * a decimal: answers are recomputed per call, so an opaque token would promise more than it keeps.
 */
export function page<T>(items: readonly T[], request: PageRequest): Page<T> {
  const limit = request.limit ?? DEFAULT_LIMIT;
  const offset = request.cursor === undefined ? 0 : cursorOffset(request.cursor, items.length);
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    total: items.length,
    ...(end < items.length ? { nextCursor: String(end) } : {}),
  };
}

function cursorOffset(cursor: string, total: number): number {
  const offset = /^\d+$/.test(cursor) ? Number(cursor) : NaN;
  if (!Number.isSafeInteger(offset) || offset > total) throw toolError(CursorInvalid, cursor);
  return offset;
}
