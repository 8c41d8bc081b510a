import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {createEventQueue, eventOrder} from "../../engine/sim/index.ts";

describe("createEventQueue", () => {
  it("pop() returns events by (time, priority, seq): ties in time and priority are FIFO", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({time: fc.integer({min: 0, max: 20}), priority: fc.integer({min: 0, max: 3})}),
          {maxLength: 300},
        ),
        (events) => {
          const q = createEventQueue(4);
          events.forEach((e, seq) => q.push(e.time, eventOrder(e.priority, seq), seq));
          const popped: number[] = [];
          while (q.length > 0) popped.push(q.pop());
          const expected = events
            .map((e, seq) => ({...e, seq}))
            .sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)
            .map((e) => e.seq);
          expect(popped).toEqual(expected);
        },
      ),
      {seed: 20251124, numRuns: 300},
    );
  });

  it("push/pop interleaved agrees with a sorted-array reference", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({push: fc.double({min: 0, max: 1e6, noNaN: true})}),
            fc.constant({pop: true as const}),
          ),
          {maxLength: 500},
        ),
        (ops) => {
          const q = createEventQueue(2);
          const reference: {t: number; o: number; ref: number}[] = [];
          let seq = 0;
          for (const op of ops) {
            if ("push" in op) {
              q.push(op.push, seq, seq);
              reference.push({t: op.push, o: seq, ref: seq});
              seq++;
            } else if (reference.length > 0) {
              reference.sort((a, b) => a.t - b.t || a.o - b.o);
              expect(q.peekTime()).toBe(reference[0]!.t);
              expect(q.pop()).toBe(reference.shift()!.ref);
            }
            expect(q.length).toBe(reference.length);
          }
        },
      ),
      {seed: 7, numRuns: 200},
    );
  });

  it("take() then push() then settle() agrees with pop() then push() on a sorted-array reference", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            take: fc.boolean(),
            push: fc.option(fc.integer({min: 0, max: 50}), {nil: undefined}),
          }),
          {maxLength: 500},
        ),
        (ops) => {
          const q = createEventQueue(2);
          const reference: {t: number; o: number}[] = [];
          let seq = 0;
          for (const op of ops) {
            if (op.take && reference.length > 0) {
              reference.sort((a, b) => a.t - b.t || a.o - b.o);
              expect(q.peekTime()).toBe(reference[0]!.t);
              expect(q.take()).toBe(reference.shift()!.o);
            }
            if (op.push !== undefined) {
              const t = op.push;
              q.push(t, seq, seq);
              reference.push({t, o: seq});
              seq++;
            }
            q.settle();
            expect(q.length).toBe(reference.length);
          }
          reference.sort((a, b) => a.t - b.t || a.o - b.o);
          const rest: number[] = [];
          while (q.length > 0) rest.push(q.pop());
          expect(rest).toEqual(reference.map((e) => e.o));
        },
      ),
      {seed: 11, numRuns: 200},
    );
  });

  it("peekTime() of an empty queue is Infinity and clear() empties it", () => {
    const q = createEventQueue();
    expect(q.peekTime()).toBe(Infinity);
    q.push(1, 0, 1);
    q.clear();
    expect(q.length).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
  });

  it("grows past its initial capacity without losing events", () => {
    const q = createEventQueue(16);
    for (let i = 0; i < 10_000; i++) q.push((i * 7919) % 10_007, i, i);
    let last = -1;
    for (let i = 0; i < 10_000; i++) {
      const t = q.peekTime();
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      q.pop();
    }
    expect(q.length).toBe(0);
  });
});
