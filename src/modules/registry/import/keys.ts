/**
 * Every search key of a roster with the residents it belongs to, gathered as the rows are read and
 * given back in key order once they all are (written in that order, the keys fill the key index
 * page after page instead of scattering over all of it).
 *
 * Kept compact: each key once, with a number; each (key, resident) pair as two numbers in typed
 * arrays. A roster of 100,000 people has some 650,000 pairs over 200,000-odd keys: as an array of
 * resident ids per key they took more memory, and more garbage collection, than all the rest of
 * the worker thread's work.
 */
export class KeyIndex {
  private numberOf = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly residents: string[] = [];
  private keyOf = new Int32Array(1 << 16);
  private residentOf = new Int32Array(1 << 16);
  private pairs = 0;

  /** A resident (by id) and their search keys (each once). */
  add(residentId: string, keys: Iterable<string>): void {
    const r = this.residents.push(residentId) - 1;
    for (const key of keys) {
      let k = this.numberOf.get(key);
      if (k === undefined) {
        k = this.keys.push(key) - 1;
        this.numberOf.set(key, k);
      }
      if (this.pairs === this.keyOf.length) {
        this.keyOf = grown(this.keyOf);
        this.residentOf = grown(this.residentOf);
      }
      this.keyOf[this.pairs] = k;
      this.residentOf[this.pairs] = r;
      this.pairs++;
    }
  }

  /**
   * The pairs `[resident id, key]` in key order (code-unit order, as the database compares them),
   * each key's residents in the order they were added, in batches of at most `size`; residents in
   * `leave` are left out. Call once, after the last add.
   */
  *inOrder(size: number, leave: ReadonlySet<string>): Generator<[string, string][]> {
    const count = this.keys.length;
    // (a default sort compares strings natively: quicker than any comparator)
    const sorted = [...this.keys].sort();
    const rank = new Int32Array(count);
    for (let i = 0; i < count; i++) rank[this.numberOf.get(sorted[i])!] = i;
    this.numberOf = new Map();
    // a counting sort of the pairs by their key's rank keeps each key's residents in order
    const start = new Int32Array(count + 1);
    for (let p = 0; p < this.pairs; p++) start[rank[this.keyOf[p]] + 1]++;
    for (let i = 0; i < count; i++) start[i + 1] += start[i];
    const order = new Int32Array(this.pairs);
    for (let p = 0; p < this.pairs; p++) order[start[rank[this.keyOf[p]]]++] = p;
    let out: [string, string][] = [];
    for (let i = 0; i < this.pairs; i++) {
      const p = order[i];
      const id = this.residents[this.residentOf[p]];
      if (leave.size && leave.has(id)) continue;
      out.push([id, this.keys[this.keyOf[p]]]);
      if (out.length >= size) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
