/** A map from whole numbers in [0, 2^53) to indices, for the reader's fast path. */
export interface NumberIndex {
  /** The index stored for `key`, or -1. */
  get(key: number): number;
  /** Stores `index` (>= 0) for `key`. */
  set(key: number, index: number): void;
  /** The index stored for `key`, or else stores `index` (>= 0) for it and returns -1. */
  getOrSet(key: number, index: number): number;
  /**
   * Reads the home slots of `keys[from .. to)`, so that their cache misses overlap before the
   * lookups need them; the sum only keeps the loads alive.
   */
  touch(keys: Float64Array, from: number, to: number): number;
}

/**
 * Creates an open-addressing hash table over one typed array (linear probing, grows at half
 * full): slot s holds its key at `2s` and its index plus one at `2s + 1` (0: empty).
 * NOTE (perf): empty is 0, so a new table needs no filling: a million users' table is ~32 MiB.
 * NOTE (perf): a `Map` keyed by numbers above 2^31 boxes every key it is asked for; E.164 numbers
 * as integers are that large, and the reader looks one up per line. Key and index side by side
 * cost one cache miss per lookup, not two.
 * @example const users = createNumberIndex(); users.set(5511987654321, 0); users.get(5511987654321) // => 0
 */
export function createNumberIndex(capacity = 1024): NumberIndex {
  let slots = 16;
  while (slots < capacity * 2) slots *= 2;
  let table = new Float64Array(2 * slots);
  let used = 0;

  function homeSlot(key: number, mask: number): number {
    // NOTE (perf): no `%` on a double (a slow library call); the split is exact below 2^53
    const high = Math.floor(key / 4_294_967_296);
    const low = (key - high * 4_294_967_296) | 0;
    const mixed = Math.imul(low ^ Math.imul(high | 0, 0x9e3779b1), 0x85ebca6b);
    return ((mixed ^ (mixed >>> 15)) >>> 0) & mask;
  }

  function slotOf(key: number, cells: Float64Array): number {
    const mask = (cells.length >>> 1) - 1;
    let slot = homeSlot(key, mask);
    while (cells[2 * slot + 1] !== 0 && cells[2 * slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  function get(key: number): number {
    return table[2 * slotOf(key, table) + 1]! - 1;
  }

  /** Doubles the table when one more key would fill it past half. */
  function makeRoom(): void {
    if (2 * (used + 1) <= table.length >>> 1) return;
    const old = table;
    table = new Float64Array(2 * old.length);
    for (let k = 0; k < old.length; k += 2) {
      if (old[k + 1] === 0) continue;
      const slot = slotOf(old[k]!, table);
      table[2 * slot] = old[k]!;
      table[2 * slot + 1] = old[k + 1]!;
    }
  }

  function set(key: number, index: number): void {
    makeRoom();
    const slot = slotOf(key, table);
    if (table[2 * slot + 1] === 0) used++;
    table[2 * slot] = key;
    table[2 * slot + 1] = index + 1;
  }

  /** NOTE (perf): one probe where `get` then `set` took two (the reader's new users). */
  function getOrSet(key: number, index: number): number {
    makeRoom();
    const slot = slotOf(key, table);
    if (table[2 * slot + 1] !== 0) return table[2 * slot + 1]! - 1;
    used++;
    table[2 * slot] = key;
    table[2 * slot + 1] = index + 1;
    return -1;
  }

  function touch(keys: Float64Array, from: number, to: number): number {
    const mask = (table.length >>> 1) - 1;
    let sum = 0;
    for (let i = from; i < to; i++) sum += table[2 * homeSlot(keys[i]!, mask)]!;
    return sum;
  }

  return {get, set, getOrSet, touch};
}
