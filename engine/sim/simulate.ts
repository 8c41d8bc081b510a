import {MESSAGE_TYPES} from "../../models/traffic/message-types.ts";
import type {NumberingPlan} from "../../models/traffic/numbering-plan.ts";
import type {TrafficPlan} from "../../models/traffic/traffic-plan.ts";
import {BATCH_ROWS, createMessageBatch} from "../message-batch.ts";
import type {MessageBatch} from "../message-batch.ts";
import {createBusinessSimulation} from "./business-simulation.ts";
import type {BusinessSimulation} from "./business-simulation.ts";
import {createRandomStreams} from "./random-streams.ts";
import {createRowBuffer} from "./row-buffer.ts";
import type {RowBuffer} from "./row-buffer.ts";

/** Options of a simulation run. */
export interface SimulateOptions {
  /** The run's seed; every random stream derives from it and a stable entity key. */
  seed: string | number;
  /** Market-attribution country of an E.164 number (models/markets `countryOf` on the table). */
  countryOf: (e164: string) => number;
  /** Rows per emitted batch (default 65,536). */
  batchRows?: number;
  /**
   * Simulated time each business advances before the windows are merged (default 6 h). Longer
   * windows keep each business's state hot in the CPU caches (with thousands of small
   * businesses, a day runs ~2x faster than an hour) at the price of buffering a window of rows.
   */
  windowMs?: number;
  /**
   * `time` (default): one time-ordered stream, businesses merged by (time, position), as the
   * message log needs. `business`: each window's rows business after business, time-ordered
   * within each business only: enough for billing, whose state is per business, and cheaper.
   */
  order?: "time" | "business";
  /** Positions in `plan.businesses` to simulate (default all): a worker's shard. */
  only?: readonly number[];
  /** Message-id prefix (default `m`): ids are `m1`, `m2`, ... in output order. */
  idPrefix?: string;
  /**
   * False: the users dictionary (`batch.users`) stays empty and no customer's number is ever
   * built; `user` and `pair` ids are the same. Enough for billing, which keys users by id.
   * Default true.
   */
  userNumbers?: boolean;
  /**
   * The leading digits (after "+") that decide `countryOf` (the market table's
   * `maxPrefixLength`), so that a country is found once per lead, not per number.
   */
  countryDigits?: number;
}

/** What a finished run reports. */
export interface SimulationStats {
  messages: number;
  /** Discrete events processed over all businesses. */
  events: number;
  /** Distinct (business phone, user) pairs, which are also the entries of `users` (if kept). */
  pairs: number;
  businesses: number;
}

/**
 * Simulates the plan's businesses and yields their messages as MessageBatch blocks without
 * materialising the trace: each business runs its own simulation (its own queue and streams),
 * all advance window by window, and each window's rows are merged by (time, business position,
 * order within the business), a fixed order that does not depend on how businesses are split
 * over workers. `pair` and `user` are dense ids in order of first appearance, one per (business
 * phone, user); `users` is the shared, growing dictionary of their numbers.
 * Memory: per-user state of the populations, the live flows, one window of rows and one batch.
 * The yielded batch object is reused: consume it before asking for the next.
 * @example
 * for (const batch of simulateBatches(plan, {seed: 42, countryOf})) kernel.bill(batch, out);
 */
export function* simulateBatches(
  plan: TrafficPlan,
  options: SimulateOptions,
): Generator<MessageBatch, SimulationStats, undefined> {
  const streams = createRandomStreams(options.seed);
  const batchRows = options.batchRows ?? BATCH_ROWS;
  const windowMs = options.windowMs ?? 6 * 3_600_000;
  const byTime = (options.order ?? "time") === "time";
  const positions = options.only ?? plan.businesses.map((_, i) => i);
  // in business order the businesses advance one after another and share one output buffer
  const shared = byTime ? undefined : createRowBuffer(1024);
  const keepNumbers = options.userNumbers ?? true;
  const leads = new Map<NumberingPlan, Map<number, number>>();
  const simulationOf = (i: number): BusinessSimulation =>
    createBusinessSimulation(plan.businesses[i]!, {
      startMs: plan.startMs,
      endMs: plan.endMs,
      streams,
      countryOf: options.countryOf,
      rows: shared,
      numbers: keepNumbers,
      leads,
      ...(options.countryDigits === undefined ? {} : {countryDigits: options.countryDigits}),
    });
  // the time-order merge needs every business at once; in business order each one is made at
  // its first window and dropped after the last (its streams are its own, so when it is made
  // does not change its draws)
  // NOTE (perf): a shard's thousand small businesses then live one at a time: their state dies
  // young instead of being promoted to the old generation and kept to the end
  const sims: (BusinessSimulation | undefined)[] = positions.map((i) =>
    byTime ? simulationOf(i) : undefined,
  );
  const RELEASED = new Int32Array(0);
  let releasedEvents = 0;
  const phoneWaba = Uint32Array.from(plan.accounts.phones, (p) => p.waba);
  const users: string[] = [];
  const batch = createMessageBatch(batchRows, users, [...MESSAGE_TYPES]);
  batch.idPrefix = options.idPrefix ?? "m";
  batch.idStart = 1;
  let emitted = 0;
  let pairs = 0;
  // per business: contact -> global pair id (-1 until the contact's first emitted row)
  const globalOf: Int32Array[] = sims.map(() => new Int32Array(16).fill(-1));
  // NOTE (perf): per business, while every contact's pair id is its contact index plus
  // `pairBase[s]` (contacts take their ids in their own order; this holds until another
  // business's new contacts come between two of this one's: always with one business, or a
  // business's whole period in one block, as a charge shard runs), the ids need no table: no
  // random read and write per row. PAIR_LINEAR_OFF once it broke: `globalOf[s]` from then on.
  const pairBase = new Int32Array(sims.length);
  const pairsAssigned = new Int32Array(sims.length);
  const linearState = new Int32Array(3);
  // merge state: each business's next row and that row's time; a heap of positions
  const cursor = new Int32Array(sims.length);
  const head = new Float64Array(sims.length);
  const heap = new Int32Array(sims.length);

  /** The business's contact -> pair table, grown to cover every contact it has. */
  function pairTable(s: number): Int32Array {
    let table = globalOf[s]!;
    const contacts = sims[s]!.contacts.length;
    if (contacts > table.length) {
      const grown = new Int32Array(Math.max(table.length * 2, contacts)).fill(-1);
      grown.set(table);
      globalOf[s] = table = grown;
    }
    return table;
  }

  /** Copies rows `[from, to)` of business `s` to the end of the batch (room checked by the caller). */
  function copyRange(s: number, from: number, to: number): void {
    const rows = sims[s]!.rows;
    const {numbers} = sims[s]!.contacts;
    const at = batch.length;
    // NOTE (perf): set before the loops, see writePairs
    batch.length = at + (to - from);
    // NOTE (perf): long runs copy the plain columns with TypedArray#set, short ones (many small
    // businesses interleaving) in a loop, which allocates no subarray views
    if (to - from >= 32) {
      batch.tMs.set(rows.tMs.subarray(from, to), at);
      batch.phone.set(rows.phone.subarray(from, to), at);
      batch.country.set(rows.country.subarray(from, to), at);
      batch.direction.set(rows.direction.subarray(from, to), at);
      batch.type.set(rows.type.subarray(from, to), at);
      batch.category.set(rows.category.subarray(from, to), at);
      batch.entryPoint.set(rows.entryPoint.subarray(from, to), at);
      batch.device.set(rows.device.subarray(from, to), at);
      batch.status.set(rows.status.subarray(from, to), at);
    } else {
      const {tMs, phone, country, direction, type, category, entryPoint, device, status} = batch;
      // hot path: j < to <= rows.length; i < at + (to - from) <= batch capacity
      for (let j = from, i = at; j < to; j++, i++) {
        tMs[i] = rows.tMs[j]!;
        phone[i] = rows.phone[j]!;
        country[i] = rows.country[j]!;
        direction[i] = rows.direction[j]!;
        type[i] = rows.type[j]!;
        category[i] = rows.category[j]!;
        entryPoint[i] = rows.entryPoint[j]!;
        device[i] = rows.device[j]!;
        status[i] = rows.status[j]!;
      }
    }
    let j = from;
    if (pairBase[s] !== PAIR_LINEAR_OFF) {
      linearState[0] = pairs;
      linearState[1] = pairsAssigned[s]!;
      linearState[2] = pairBase[s]!;
      j = writePairsLinear(
        rows,
        from,
        to,
        batch,
        at,
        linearState,
        phoneWaba,
        keepNumbers ? numbers : undefined,
        users,
      );
      pairs = linearState[0]!;
      pairsAssigned[s] = linearState[1]!;
      pairBase[s] = linearState[2]!;
      if (j === to) return;
      // another business's contacts came in between: from now on, the table
      const assigned = pairsAssigned[s]!;
      const table = new Int32Array(Math.max(16, sims[s]!.contacts.length)).fill(-1);
      for (let c = 0; c < assigned; c++) table[c] = c + pairBase[s]!;
      globalOf[s] = table;
      pairBase[s] = PAIR_LINEAR_OFF;
    }
    pairs = writePairs(
      rows,
      j,
      to,
      batch,
      at + (j - from),
      pairTable(s),
      phoneWaba,
      keepNumbers ? numbers : undefined,
      users,
      pairs,
    );
  }

  // (head time, position) order of the businesses in the merge heap
  function before(a: number, b: number): boolean {
    const ta = head[a]!;
    const tb = head[b]!;
    return ta < tb || (ta === tb && a < b);
  }
  function siftDown(n: number): void {
    const top = heap[0]!;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap[child + 1]!, heap[child]!)) child++;
      if (!before(heap[child]!, top)) break;
      heap[pos] = heap[child]!;
      pos = child;
    }
    heap[pos] = top;
  }
  function siftUp(pos: number): void {
    const item = heap[pos]!;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!before(item, heap[parent]!)) break;
      heap[pos] = heap[parent]!;
      pos = parent;
    }
    heap[pos] = item;
  }

  for (let windowStart = plan.startMs; windowStart < plan.endMs; windowStart += windowMs) {
    const windowEnd = Math.min(windowStart + windowMs, plan.endMs);
    if (!byTime) {
      // business order: each business's window in one block, straight from the shared buffer
      for (let s = 0; s < sims.length; s++) {
        const sim = (sims[s] ??= simulationOf(positions[s]!));
        sim.advance(windowEnd);
        const length = sim.rows.length;
        for (let from = 0; from < length;) {
          const to = Math.min(length, from + (batchRows - batch.length));
          copyRange(s, from, to);
          from = to;
          if (batch.length === batchRows) {
            emitted += batch.length;
            yield batch;
            batch.length = 0;
            batch.idStart = emitted + 1;
          }
        }
        sim.rows.length = 0;
        if (windowEnd === plan.endMs) {
          releasedEvents += sim.events;
          sims[s] = undefined;
          globalOf[s] = RELEASED;
        }
      }
      continue;
    }
    let n = 0;
    for (let s = 0; s < sims.length; s++) {
      sims[s]!.advance(windowEnd);
      cursor[s] = 0;
      if (sims[s]!.rows.length > 0) {
        head[s] = sims[s]!.rows.tMs[0]!;
        heap[n] = s;
        siftUp(n++);
      }
    }
    // time order: a k-way merge by runs; the top business's rows go out in one block until the
    // next business's head row (or the batch's end) comes first; one business is one block
    while (n > 0) {
      const s = heap[0]!;
      let limitT = Infinity;
      let limitS = sims.length;
      if (n > 1) {
        const c = n > 2 && before(heap[2]!, heap[1]!) ? heap[2]! : heap[1]!;
        limitT = head[c]!;
        limitS = c;
      }
      const rows = sims[s]!.rows;
      const t = rows.tMs;
      const from = cursor[s]!;
      const last = Math.min(rows.length, from + (batchRows - batch.length));
      let to = from + 1;
      if (s < limitS) while (to < last && t[to]! <= limitT) to++;
      else while (to < last && t[to]! < limitT) to++;
      copyRange(s, from, to);
      cursor[s] = to;
      if (to >= rows.length) heap[0] = heap[--n]!;
      else head[s] = t[to]!;
      if (n > 0) siftDown(n);
      if (batch.length === batchRows) {
        emitted += batch.length;
        yield batch;
        batch.length = 0;
        batch.idStart = emitted + 1;
      }
    }
    for (const sim of sims) sim!.rows.length = 0;
  }
  if (batch.length > 0) {
    emitted += batch.length;
    yield batch;
    batch.length = 0;
  }
  return {
    messages: emitted,
    events: sims.reduce((sum, sim) => sum + (sim?.events ?? 0), releasedEvents),
    pairs,
    businesses: sims.length,
  };
}

/** `pairBase` of a business whose pair ids are no longer its contact indices plus a base. */
const PAIR_LINEAR_OFF = -1;

/**
 * {@link writePairs} for a business whose pair ids are its contact indices plus a base:
 * `state` holds the next free pair id, the business's contacts with an id so far and the base
 * (set at its first contact). Stops at the first row of a new contact whose id would not be its
 * index plus the base, and returns that row (`to` if none).
 */
function writePairsLinear(
  rows: RowBuffer,
  from: number,
  to: number,
  batch: MessageBatch,
  at: number,
  state: Int32Array,
  phoneWaba: Uint32Array,
  numbers: readonly string[] | undefined,
  users: string[],
): number {
  const {contact, phone} = rows;
  const {waba, user, pair} = batch;
  let next = state[0]!;
  let assigned = state[1]!;
  let base = state[2]!;
  let j = from;
  // hot path: j < to <= rows.length; i < at + (to - from) <= batch capacity
  for (let i = at; j < to; j++, i++) {
    const c = contact[j]!;
    if (c >= assigned) {
      // a contact's first row (contacts appear in their order: c === assigned)
      if (assigned === 0) base = next - c;
      else if (c + base !== next) break;
      assigned++;
      next++;
      if (numbers !== undefined) users.push(numbers[c]!);
    }
    const id = c + base;
    waba[i] = phoneWaba[phone[j]!]!;
    user[i] = id;
    pair[i] = id;
  }
  state[0] = next;
  state[1] = assigned;
  state[2] = base;
  return j;
}

/**
 * Writes the WABA and the pair (= user) id of rows `[from, to)` of `rows` to batch
 * rows from `at` on; a contact's first row takes pair id `next` (its number appended to `users`
 * when `numbers` are kept) and `table` maps the business's contacts to pair ids. Returns the next
 * free pair id.
 * NOTE (perf): a function of its own whose loop ends in a `return`: V8 compiles a long loop on
 * stack (OSR) before the code after it ran, and code there without type feedback deoptimized
 * that cached loop at every exit, once per business; the closure's variables (`pairs`,
 * `keepNumbers`) are arguments here, so the loop checks no context slot for the hole.
 */
function writePairs(
  rows: RowBuffer,
  from: number,
  to: number,
  batch: MessageBatch,
  at: number,
  table: Int32Array,
  phoneWaba: Uint32Array,
  numbers: readonly string[] | undefined,
  users: string[],
  next: number,
): number {
  const {contact, phone} = rows;
  const {waba, user, pair} = batch;
  // hot path: j < to <= rows.length; i < at + (to - from) <= batch capacity
  for (let j = from, i = at; j < to; j++, i++) {
    const c = contact[j]!;
    let id = table[c]!;
    if (id < 0) {
      id = next++;
      if (numbers !== undefined) users.push(numbers[c]!);
      table[c] = id;
    }
    waba[i] = phoneWaba[phone[j]!]!;
    user[i] = id;
    pair[i] = id;
  }
  return next;
}

/**
 * Runs {@link simulateBatches} to the end, handing every batch to `onBatch`.
 * @example simulate(plan, {seed: 42, countryOf}, (batch) => kernel.bill(batch, out)).messages // => 495867 (the shop of scenarios/loja-br-ecommerce.yaml)
 */
export function simulate(
  plan: TrafficPlan,
  options: SimulateOptions,
  onBatch: (batch: MessageBatch) => void,
): SimulationStats {
  const run = simulateBatches(plan, options);
  for (;;) {
    const next = run.next();
    if (next.done === true) return next.value;
    onBatch(next.value);
  }
}
