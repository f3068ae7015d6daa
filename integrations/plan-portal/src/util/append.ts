/** Append in place without spreading: `a.push(...b)` overflows the call stack for huge tables. */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
