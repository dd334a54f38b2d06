/**
 * One string per distinct value of a column whose values repeat (a Virtual Account, a contract
 * number, a site, a PID), so that 200,000 records share a few hundred strings instead of each
 * holding its own copy. Memory is what costs most in a large load: every MB the heap grows by is
 * paid in page faults and in garbage collection copying it (README, Performance).
 *
 * A column of mostly distinct values (serials, hostnames) is not worth a map: after a sample of
 * `SAMPLE` cells, interning stops for a column whose distinct values are more than a quarter
 * of them, and for any column once it holds more than `LIMIT` distinct values.
 */
export class CellInterner {
  #values: Map<string, string> | undefined = new Map();
  #seen = 0;

  /** `v` itself, or the equal string this column returned before. */
  take(v: string): string {
    const values = this.#values;
    if (values === undefined) return detached(v);
    if (v === '') return v;
    this.#seen++;
    const hit = values.get(v);
    if (hit !== undefined) return hit;
    const own = detached(v);
    values.set(own, own);
    if (values.size > LIMIT || (this.#seen >= SAMPLE && values.size * 4 > this.#seen))
      this.#values = undefined;
    return own;
  }

  /** Whether this column is still interned (tests). */
  get active(): boolean {
    return this.#values !== undefined;
  }
}

const SAMPLE = 4096;
const LIMIT = 65_536;

/** V8 makes a substring of 13 characters or more a view into the string it was cut from. */
const SLICE_MIN = 13;

/**
 * `v` as a string of its own. A cell is cut from the 32 KB piece of the file it was parsed
 * from, and V8 keeps a cut of 13 characters or more as a view into that piece: one hostname a
 * record keeps holds the whole piece alive. At 200,000 devices the hostnames and instance names
 * alone held 55 MB of CSV text through the load and the analysis.
 *
 * Lowering the case makes a flat copy, which is `v` when nothing changed (hostnames); raising
 * that copy's case gives `v` again when `v` had no lower case (UDIs). Any other cell goes
 * through a JSON round trip, which copies whatever it holds. 400,000 hostnames and UDIs: 47-51
 * ms by case, 95-150 ms by JSON.
 */
export function detached(v: string): string {
  if (v.length < SLICE_MIN) return v;
  const lower = v.toLowerCase();
  if (lower === v) return lower;
  // not v.toUpperCase(), which gives back v itself when nothing changes, view and all
  const upper = lower.toUpperCase();
  return upper === v ? upper : JSON.parse(JSON.stringify(v));
}
