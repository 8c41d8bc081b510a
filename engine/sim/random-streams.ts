import seedrandom from "seedrandom";

/** A source of uniform numbers in [0, 1): one independent, reproducible stream. */
export type RandomStream = () => number;

/** Seeded streams keyed by stable entity names (common random numbers across strategies). */
export interface RandomStreams {
  /** The run's seed as given. */
  readonly seed: string;
  /**
   * The stream of an entity or process, e.g. `"loja/campaign/black-friday"`. The same seed and
   * key always give the same stream, whatever other streams exist, so adding a campaign does not
   * shift the draws of unrelated users. Creating one costs a string hash (~2 µs): use it per
   * process or entity, and {@link forkStream} per short-lived flow.
   */
  stream(key: string): RandomStream;
  /**
   * Writes the state of `stream(key)` to `state[at..at + 3]`, so that {@link sfc32Next} on it
   * draws the numbers `stream(key)` draws, without a closure per stream.
   */
  seedState(key: string, state: Int32Array, at: number): void;
  /** A 32-bit unsigned integer derived from (seed, key), for hash-based per-entity draws. */
  seed32(key: string): number;
}

/**
 * Creates the streams of a run from its seed: seedrandom's Alea (its Mash hash of the run's seed
 * and the stream's key) seeds each stream, which then draws from an sfc32 generator.
 * NOTE (perf): an sfc32 closure holds ~140 bytes against ~450 for an Alea instance and draws
 * faster; with tens of thousands of simulated businesses the streams' memory matters.
 * @example
 * const a = createRandomStreams(42).stream("users/br");
 * const b = createRandomStreams(42).stream("users/br");
 * a() === b(); // => true
 */
export function createRandomStreams(seed: string | number): RandomStreams {
  const root = String(seed);
  return {
    seed: root,
    stream(key) {
      const mash = seedrandom.alea(`${root}\u0000${key}`);
      return createSfc32(mash.int32(), mash.int32());
    },
    seedState(key, state, at) {
      const mash = seedrandom.alea(`${root}\u0000${key}`);
      sfc32Seed(state, at, mash.int32(), mash.int32());
    },
    seed32(key) {
      return seedrandom.alea(`${root}\u0001${key}`).int32() >>> 0;
    },
  };
}

/**
 * A child stream for a short-lived flow (a session, an order, an OTP flow), seeded with two
 * draws of its parent. The child is the sfc32 generator (128-bit state, passes PractRand to
 * 2^42 outputs); every flow then draws independently of how many draws other flows make.
 * The seeds are already uniform 32-bit words, so 4 warm-up rounds suffice to mix them into the
 * rest of the state.
 * NOTE (perf): a closure over four integers instead of a seedrandom instance: creating it costs
 * ~30 ns instead of ~2 µs, at the price of a 64-bit seed space per flow.
 * @example
 * const child = forkStream(createRandomStreams(1).stream("source"));
 * child() < 1; // => true
 */
export function forkStream(parent: RandomStream): RandomStream {
  const s0 = seedWord(parent());
  const s1 = seedWord(parent());
  return createSfc32(s0, s1, 4);
}

/**
 * The sfc32 generator (Chris Doty-Humphrey's small fast counting generator) seeded with two
 * 32-bit words, warmed up by `rounds` outputs (12 by default, enough for seeds like 1 and 2).
 * @example createSfc32(1, 2)() >= 0 // => true
 */
export function createSfc32(seedA: number, seedB: number, rounds = 12): RandomStream {
  // NOTE (perf): the state lives in a typed array, not in the closure's variables: on Node 20 a
  // micro-benchmark of the closure-variable form allocated a heap number per draw even inlined,
  // the typed-array form none (a draw not inlined still boxes its result); and an anonymous
  // function expression, so that
  // tsx's keepNames adds no per-call `__name` bookkeeping to every stream
  const s = new Int32Array(4);
  sfc32Seed(s, 0, seedA, seedB, rounds);
  const next: RandomStream = (() =>
    function () {
      return sfc32Next(s, 0);
    })();
  return next;
}

/**
 * Writes to `s[i..i + 3]` the state of {@link createSfc32}`(seedA, seedB, rounds)`: the seeds
 * and the constants, warmed up by `rounds` outputs (dropped).
 */
export function sfc32Seed(
  s: Int32Array,
  i: number,
  seedA: number,
  seedB: number,
  rounds = 12,
): void {
  let a = seedA | 0;
  let b = seedB | 0;
  let c = 0x9e3779b9 | 0;
  let d = 1;
  // the warm-up rounds on locals, as `sfc32Next` draws them
  for (let k = 0; k < rounds; k++) {
    d = (d + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
  }
  s[i] = a;
  s[i + 1] = b;
  s[i + 2] = c;
  s[i + 3] = d;
}

/**
 * The next draw in [0, 1) of the sfc32 state at `s[i..i + 3]`, which it advances: its
 * {@link sfc32Word} as an unsigned 32-bit fraction.
 * NOTE (perf): a plain function that V8 inlines at its call sites (a per-stream closure it
 * cannot), so the double stays unboxed; every stream and the flow table's rows draw through it.
 * @example sfc32Next(state, 4 * row)
 */
export function sfc32Next(s: Int32Array, i: number): number {
  return (sfc32Word(s, i) >>> 0) / 4294967296;
}

/**
 * The next output of the sfc32 state at `s[i..i + 3]` as a signed 32-bit integer, which it
 * advances; {@link sfc32Next} is the same output over 2^32. A flow's stream is seeded with two
 * words of its parent: `sfc32Word` twice draws the seeds `forkStream` makes of two draws.
 * NOTE (perf): an int32 is a small integer to V8: returned from a call it did not inline, it
 * allocates nothing, where a double comes back boxed (a heap number per draw).
 * @example sfc32Word(state, 4 * row) | 0 // => the same word
 */
export function sfc32Word(s: Int32Array, i: number): number {
  const a = s[i]!;
  const b = s[i + 1]!;
  let c = s[i + 2]!;
  const d = (s[i + 3]! + 1) | 0;
  const t = (((a + b) | 0) + d) | 0;
  s[i] = b ^ (b >>> 9);
  s[i + 1] = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  s[i + 2] = (c + t) | 0;
  s[i + 3] = d;
  return t;
}

/**
 * An integer uniform in `[0, n)` from the sfc32 state at `s[i..i + 3]`, which it advances:
 * `Math.floor(sfc32Next(s, i) * n)`, uniformInt's draw.
 * NOTE (perf): the draw stays inside and a small integer comes out: where V8 did not inline
 * `sfc32Next`, its double came back boxed (one heap number per arrival of the OTP scenario).
 * @example sfc32Below(state, 4 * k, users) < users // => true
 */
export function sfc32Below(s: Int32Array, i: number, n: number): number {
  return Math.floor(sfc32Next(s, i) * n);
}

/**
 * The seed word `forkStream` makes of a parent's draw `u` in [0, 1): `u * 2^32` as a signed
 * 32-bit integer (sfc32 seeds use the low 32 bits), what {@link sfc32Word} returns for the
 * draw `sfc32Next` makes of the same output.
 * @example seedWord(0.5) // => -2147483648
 */
export function seedWord(u: number): number {
  return (u * 4294967296) | 0;
}
