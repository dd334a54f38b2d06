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
    if (values === undefined || v === '') return v;
    this.#seen++;
    const hit = values.get(v);
    if (hit !== undefined) return hit;
    values.set(v, v);
    if (values.size > LIMIT || (this.#seen >= SAMPLE && values.size * 4 > this.#seen))
      this.#values = undefined;
    return v;
  }

  /** Whether this column is still interned (tests). */
  get active(): boolean {
    return this.#values !== undefined;
  }
}

const SAMPLE = 4096;
const LIMIT = 65_536;
