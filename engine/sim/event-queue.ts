/**
 * A binary min-heap of events kept in flat typed arrays (flatqueue's layout): no object per
 * event, no comparator calls. Events are ordered by `(time, order)`, where `order` packs a
 * priority and a monotonic sequence number (see {@link eventOrder}), so ties on time are resolved
 * by priority and then first-in first-out, identically on every run.
 */
export interface EventQueue {
  /** Number of queued events. */
  readonly length: number;
  /** Adds an event; `ref` is an opaque 32-bit payload. Amortised O(log n). */
  push(timeMs: number, order: number, ref: number): void;
  /** Removes the first event and returns its `ref`; the queue must not be empty. O(log n). */
  pop(): number;
  /**
   * Removes the first event as {@link pop} does, but lazily: the next {@link push} fills its
   * place (one sift-down from the root instead of a sift-down and a sift-up), and
   * {@link settle} completes the removal if no push came. The queue must not be empty.
   */
  take(): number;
  /** Completes a {@link take} that no push has filled; nothing otherwise. O(log n). */
  settle(): void;
  /** Time of the first event, `Infinity` when empty. O(1). */
  peekTime(): number;
  /** Order key of the first event, `Infinity` when empty. O(1). */
  peekOrder(): number;
  /** Payload of the first event; the queue must not be empty. O(1). */
  peekRef(): number;
  /** Empties the queue without releasing its memory. O(1). */
  clear(): void;
}

/** Largest priority; lower priorities run first among events at the same time. */
export const MAX_PRIORITY = 255;
const SEQ_SPAN = 2 ** 44;

/**
 * The order key of an event: priority first, then the sequence number (FIFO among equals).
 * Exact as a float while `seq < 2^44` and `priority <= 255` (< 2^53).
 * @example eventOrder(1, 5) > eventOrder(0, 1e9) // => true
 */
export function eventOrder(priority: number, seq: number): number {
  return priority * SEQ_SPAN + seq;
}

/**
 * The heap behind {@link createEventQueue}: a class so that thousands of queues (one per simulated
 * business) share their methods instead of holding a closure each.
 * NOTE (perf): the fields the constructor sets are `declare`d (see BusinessTraffic).
 */
class FlatEventQueue implements EventQueue {
  length = 0;
  /** True after `take` until a push or `settle`: the root slot is free. */
  private vacant = false;
  declare time: Float64Array;
  declare order: Float64Array;
  declare refs: Int32Array;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.time = new Float64Array(size);
    this.order = new Float64Array(size);
    this.refs = new Int32Array(size);
  }

  private grow(): void {
    const size = this.time.length * 2;
    const time = new Float64Array(size);
    const order = new Float64Array(size);
    const refs = new Int32Array(size);
    time.set(this.time);
    order.set(this.order);
    refs.set(this.refs);
    this.time = time;
    this.order = order;
    this.refs = refs;
  }

  push(t: number, o: number, ref: number): void {
    if (this.vacant) {
      // the new event takes the place of the event taken: sift it down from the root
      this.vacant = false;
      this.siftDown(++this.length, t, o, ref);
      return;
    }
    if (this.length === this.time.length) this.grow();
    // NOTE (perf): local copies of the columns let V8 keep them in registers.
    const time = this.time;
    const order = this.order;
    const refs = this.refs;
    let pos = this.length++;
    // hot path: sift up; pos < length <= capacity
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = time[parent]!;
      if (pt < t || (pt === t && order[parent]! < o)) break;
      time[pos] = pt;
      order[pos] = order[parent]!;
      refs[pos] = refs[parent]!;
      pos = parent;
    }
    time[pos] = t;
    order[pos] = o;
    refs[pos] = ref;
  }

  pop(): number {
    const top = this.take();
    this.settle();
    return top;
  }

  take(): number {
    if (this.vacant) this.settle();
    this.vacant = true;
    this.length--;
    return this.refs[0]!;
  }

  settle(): void {
    if (!this.vacant) return;
    this.vacant = false;
    const n = this.length;
    // the last event (at index n, outside the shrunk heap) moves to the root
    if (n > 0) this.siftDown(n, this.time[n]!, this.order[n]!, this.refs[n]!);
  }

  /** Places (t, o, r) at the root of a heap of `n` events whose root slot is free. */
  private siftDown(n: number, t: number, o: number, r: number): void {
    const time = this.time;
    const order = this.order;
    const refs = this.refs;
    const half = n >> 1;
    let pos = 0;
    // hot path: sift down; children < n <= capacity
    while (pos < half) {
      let best = 2 * pos + 1;
      let bt = time[best]!;
      let bo = order[best]!;
      const right = best + 1;
      if (right < n) {
        const rt = time[right]!;
        if (rt < bt || (rt === bt && order[right]! < bo)) {
          best = right;
          bt = rt;
          bo = order[right]!;
        }
      }
      if (t < bt || (t === bt && o < bo)) break;
      time[pos] = bt;
      order[pos] = bo;
      refs[pos] = refs[best]!;
      pos = best;
    }
    time[pos] = t;
    order[pos] = o;
    refs[pos] = r;
  }

  peekTime(): number {
    if (this.vacant) this.settle();
    return this.length > 0 ? this.time[0]! : Infinity;
  }

  peekOrder(): number {
    if (this.vacant) this.settle();
    return this.length > 0 ? this.order[0]! : Infinity;
  }

  peekRef(): number {
    if (this.vacant) this.settle();
    return this.refs[0]!;
  }

  clear(): void {
    this.length = 0;
    this.vacant = false;
  }
}

/**
 * Creates an empty event queue with room for `capacity` events; it grows by doubling.
 * @example
 * const q = createEventQueue();
 * q.push(10, eventOrder(0, 1), 7);
 * q.push(5, eventOrder(0, 2), 8);
 * q.pop(); // => 8
 */
export function createEventQueue(capacity = 1024): EventQueue {
  return new FlatEventQueue(capacity);
}
