import {sfc32Next, sfc32Seed, sfc32Word} from "../random-streams.ts";
import type {RandomStream} from "../random-streams.ts";

/** Codes of the flows a {@link FlowTable} holds. */
export const FLOW = {session: 0, order: 1, otp: 2, followUp: 3} as const;

/**
 * The live short-lived flows of one business (sessions, orders, OTP flows, follow-ups) as rows
 * of typed arrays, each flow a state machine whose row holds its stage, its counters and its
 * sfc32 random state: starting a flow, waking it and drawing from its stream allocate nothing
 * (no generator, no closure, no iterator result per event). Rows are reused through a free list
 * and the columns grow by doubling.
 * NOTE (perf): a flow's stream is read through one shared closure, {@link FlowTable.rnd}, that
 * draws from the row in `current`; callers set `current` before drawing for a flow and restore
 * it after starting a child flow inside another.
 * NOTE (perf): the fields the constructor sets are `declare`d (see BusinessTraffic).
 */
export class FlowTable {
  /** The row whose stream {@link rnd} draws from. */
  current = 0;
  /** FLOW code of each row. */
  kind = new Uint8Array(16);
  /** Where a flow resumes when its event fires (per-flow stage codes). */
  stage = new Uint8Array(16);
  population = new Int32Array(16);
  user = new Int32Array(16);
  /** Session: turn; order: notification step; OTP: attempt; follow-up: its index. */
  a = new Int32Array(16);
  /** Session: turns. */
  b = new Int32Array(16);
  /** Session: reply within the turn. */
  c = new Int32Array(16);
  /** Session: replies in the turn. */
  d = new Int32Array(16);
  /** Session: DEVICE code (low byte) and entry point (high byte). */
  e = new Uint16Array(16);
  /** sfc32 state, four words per row. */
  state = new Int32Array(64);
  private free = new Int32Array(16);
  private freeCount = 0;
  private rows = 0;
  /** A uniform draw in [0, 1) from the stream of row `current` (sfc32, as `createSfc32`). */
  declare readonly rnd: RandomStream;

  constructor() {
    // NOTE (perf): an anonymous function expression, so that tsx's keepNames adds no `__name`
    const table = this;
    this.rnd = (() =>
      function () {
        return table.uniform();
      })();
  }

  /**
   * A uniform draw in [0, 1) from the stream of row `current`: the draw {@link rnd} makes.
   * NOTE (perf): a method, so that V8 inlines it at its call sites and the double stays unboxed;
   * the per-table `rnd` closures are too many for V8 to inline ("many closures").
   */
  uniform(): number {
    return sfc32Next(this.state, this.current << 2);
  }

  /**
   * The next output of the stream of row `current` as a 32-bit word (sfc32Word): a child
   * flow's seed, the word forkStream makes of the draw {@link uniform} would make.
   */
  word(): number {
    return sfc32Word(this.state, this.current << 2);
  }

  /**
   * Takes a row for a new flow of `kind` and seeds its stream with `seedA` and `seedB`, two
   * words of the parent stream ({@link word}, sfc32Word, or `seedWord` of a draw), as
   * `forkStream(parent)` does (the same numbers follow). Does not change `current`.
   * NOTE (perf): the seeds are int32 words, not draws in [0, 1): passed to a call V8 does not
   * inline, a small integer is not boxed.
   */
  open(kind: number, population: number, user: number, seedA: number, seedB: number): number {
    let row: number;
    if (this.freeCount > 0) row = this.free[--this.freeCount]!;
    else {
      row = this.rows++;
      if (row === this.kind.length) this.grow();
    }
    this.kind[row] = kind;
    this.population[row] = population;
    this.user[row] = user;
    // 4 warm-up rounds, as forkStream
    sfc32Seed(this.state, row << 2, seedA, seedB, 4);
    return row;
  }

  /**
   * Runs `step(context, row)` with `row`'s stream current, then makes current again the flow
   * that was (a flow is started from inside another's step).
   */
  runAs<C>(row: number, step: (context: C, row: number) => void, context: C): void {
    const saved = this.current;
    this.current = row;
    step(context, row);
    this.current = saved;
  }

  /** Returns a finished flow's row to the free list. */
  close(row: number): void {
    if (this.freeCount === this.free.length) {
      const free = new Int32Array(this.free.length * 2);
      free.set(this.free);
      this.free = free;
    }
    this.free[this.freeCount++] = row;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const grown = <T extends Uint8Array | Uint16Array | Int32Array>(column: T, n = size): T => {
      const next = new (column.constructor as new (n: number) => T)(n);
      next.set(column);
      return next;
    };
    this.kind = grown(this.kind);
    this.stage = grown(this.stage);
    this.population = grown(this.population);
    this.user = grown(this.user);
    this.a = grown(this.a);
    this.b = grown(this.b);
    this.c = grown(this.c);
    this.d = grown(this.d);
    this.e = grown(this.e);
    this.state = grown(this.state, size * 4);
  }
}
