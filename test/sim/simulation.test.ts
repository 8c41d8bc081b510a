import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {createSimulation, PASSIVATE, SimulationError, URGENT} from "../../engine/sim/index.ts";
import type {Process} from "../../engine/sim/index.ts";

describe("createSimulation", () => {
  it("process() runs a generator that holds with yield ms", () => {
    const sim = createSimulation({startMs: 100});
    const log: number[] = [];
    sim.process(
      (function* (): Process {
        yield 5;
        log.push(sim.now);
        yield 10;
        log.push(sim.now);
      })(),
    );
    sim.run();
    expect(log).toEqual([105, 115]);
    expect(sim.processed).toBe(3);
  });

  it("run({until}) stops before events at `until` and advances the clock to it", () => {
    const sim = createSimulation();
    const seen: number[] = [];
    const kind = sim.defineKind((slot) => seen.push(slot));
    sim.schedule(10, kind, 1);
    sim.schedule(20, kind, 2);
    sim.run({until: 20});
    expect(seen).toEqual([1]);
    expect(sim.now).toBe(20);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(seen).toEqual([1, 2]);
  });

  it("events at the same time run by priority, then in scheduling order", () => {
    const sim = createSimulation();
    const seen: number[] = [];
    const kind = sim.defineKind((slot) => seen.push(slot));
    sim.schedule(5, kind, 1);
    sim.schedule(5, kind, 2);
    sim.schedule(5, kind, 3, URGENT);
    sim.schedule(5, kind, 4);
    sim.run();
    expect(seen).toEqual([3, 1, 2, 4]);
  });

  it("run over consecutive windows equals one run (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({min: 0, max: 1000}), {minLength: 1, maxLength: 50}),
        fc.array(fc.integer({min: 1, max: 400}), {minLength: 1, maxLength: 10}),
        (delays, windows) => {
          const trace = (cuts: number[]) => {
            const sim = createSimulation();
            const out: string[] = [];
            delays.forEach((d, i) =>
              sim.process(
                (function* (): Process {
                  yield d;
                  out.push(`${i}@${sim.now}`);
                  yield d % 7;
                  out.push(`${i}@${sim.now}`);
                })(),
              ),
            );
            let t = 0;
            for (const w of cuts) sim.run({until: (t += w)});
            sim.run();
            return out;
          };
          expect(trace(windows)).toEqual(trace([]));
        },
      ),
      {seed: 3, numRuns: 100},
    );
  });

  it("PASSIVATE suspends a process until activate()", () => {
    const sim = createSimulation();
    const log: string[] = [];
    const pid = sim.process(
      (function* (): Process {
        log.push(`sleep@${sim.now}`);
        yield PASSIVATE;
        log.push(`woke@${sim.now}`);
      })(),
    );
    sim.process(
      (function* (): Process {
        yield 30;
        sim.activate(pid, 5);
      })(),
    );
    sim.run();
    expect(log).toEqual(["sleep@0", "woke@35"]);
    expect(() => sim.activate(pid)).toThrow(SimulationError);
  });

  it("a failing process surfaces as a SimulationError with its cause and time", () => {
    const sim = createSimulation();
    sim.process(
      (function* (): Process {
        yield 42;
        throw new Error("boom");
      })(),
    );
    let caught: unknown;
    try {
      sim.run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SimulationError);
    expect((caught as SimulationError).timeMs).toBe(42);
    expect(((caught as SimulationError).cause as Error).message).toBe("boom");
  });

  it("schedule() refuses a time before now and an invalid command is an error", () => {
    const sim = createSimulation({startMs: 10});
    const kind = sim.defineKind(() => undefined);
    expect(() => sim.schedule(5, kind, 0)).toThrow(/before now/);
    sim.process(
      (function* (): Process {
        yield -5;
      })(),
    );
    expect(() => sim.run()).toThrow(/invalid command/);
  });

  it("finished processes free their ids for reuse", () => {
    const sim = createSimulation();
    const pids = new Set<number>();
    const spawner = function* (): Process {
      for (let i = 0; i < 100; i++) {
        pids.add(
          sim.process(
            (function* (): Process {
              yield 1;
            })(),
          ),
        );
        yield 10;
      }
    };
    sim.process(spawner());
    sim.run();
    expect(pids.size).toBeLessThan(5);
  });
});
