import { sha1 } from "./disk-cache.ts";

/**
 * Results by the content they were computed from, kept from one run to the next (a dev server's
 * rebuilds): an input whose serialized form is unchanged gets the earlier result back. Only what
 * the latest run asked for is kept, so the memo never holds more than one run's worth of entries.
 * Results are shared between runs: later stages must treat them as read-only.
 */
export class ContentMemo<I, O> {
  private previous = new Map<string, O>();
  private current = new Map<string, O>();
  /** Inputs computed and reused in the latest run. */
  readonly stats = { computed: 0, reused: 0 };

  /** Start a run: entries the run before last used and the last run did not are dropped. */
  startRun(): void {
    this.previous = this.current;
    this.current = new Map();
    this.stats.computed = 0;
    this.stats.reused = 0;
  }

  /** `salt` stands for what else decides the result (the parser's options). */
  get(input: I, compute: (input: I) => O, salt = ""): O {
    const key = sha1(`${salt}\0${JSON.stringify(input)}`);
    let result = this.current.get(key) ?? this.previous.get(key);
    if (result === undefined) {
      result = compute(input);
      this.stats.computed++;
    } else {
      this.stats.reused++;
    }
    this.current.set(key, result);
    return result;
  }
}
