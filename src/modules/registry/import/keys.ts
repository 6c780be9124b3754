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
    this.numberOf = new Map();
    const { keys, keyOf, residentOf, residents } = this;
    // The pairs go out group by group, a group being the keys that begin with one code unit (一,
    // 王, z …): only the first group's keys need sorting before the first batch can go, so the
    // writing thread, idle once the rows are written, waits for that much and no more.
    // Counting sorts, stable, keep each key's residents in the order they were added.
    const groupOf = (k: number) => keys[k].charCodeAt(0);
    const groupStart = new Int32Array(0x10001);
    for (let p = 0; p < this.pairs; p++) groupStart[groupOf(keyOf[p]) + 1]++;
    for (let g = 0; g < 0x10000; g++) groupStart[g + 1] += groupStart[g];
    const byGroup = new Int32Array(this.pairs);
    const next = groupStart.slice();
    for (let p = 0; p < this.pairs; p++) byGroup[next[groupOf(keyOf[p])]++] = p;
    /** each key's place among its group's keys, once its group is sorted */
    const rank = new Int32Array(keys.length).fill(-1);
    let out: [string, string][] = [];
    for (let g = 0; g < 0x10000; g++) {
      const from = groupStart[g];
      const to = groupStart[g + 1];
      if (from === to) continue;
      const numbers: number[] = [];
      for (let i = from; i < to; i++) {
        const k = keyOf[byGroup[i]];
        if (rank[k] < 0) {
          rank[k] = 0;
          numbers.push(k);
        }
      }
      // code-unit order, as the database compares them (keys are distinct: never equal)
      numbers.sort((a, b) => (keys[a] < keys[b] ? -1 : 1));
      for (let r = 0; r < numbers.length; r++) rank[numbers[r]] = r;
      const start = new Int32Array(numbers.length + 1);
      for (let i = from; i < to; i++) start[rank[keyOf[byGroup[i]]] + 1]++;
      for (let r = 0; r < numbers.length; r++) start[r + 1] += start[r];
      const order = new Int32Array(to - from);
      for (let i = from; i < to; i++) order[start[rank[keyOf[byGroup[i]]]]++] = byGroup[i];
      for (let i = 0; i < order.length; i++) {
        const p = order[i];
        const id = residents[residentOf[p]];
        if (leave.size && leave.has(id)) continue;
        out.push([id, keys[keyOf[p]]]);
        if (out.length >= size) {
          yield out;
          out = [];
        }
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
