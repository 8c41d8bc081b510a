import {describe, expect, it} from "vitest";
import {QueueFullError, RunTimeoutError} from "../../server/api/http-error.ts";
import {createRunQueue} from "../../server/queue/index.ts";

const later = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("createRunQueue", () => {
  it("run(task) never runs more than `concurrency` tasks at once, in FIFO order", async () => {
    const queue = createRunQueue({concurrency: 2, maxQueued: 10, timeoutMs: 5000});
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (k: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      order.push(k);
      await later(10, null);
      active--;
      return k;
    };
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((k) => queue.run(task(k))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(queue.stats()).toMatchObject({running: 0, queued: 0, completed: 6});
  });

  it("run(task) refuses with QueueFullError (Retry-After from the mean run time) when maxQueued wait", async () => {
    const queue = createRunQueue({
      concurrency: 1,
      maxQueued: 1,
      timeoutMs: 5000,
      expectedRunMs: 3000,
    });
    const first = queue.run(() => later(20, "a"));
    const second = queue.run(() => later(20, "b"));
    const third = queue.run(() => later(20, "c"));
    await expect(third).rejects.toBeInstanceOf(QueueFullError);
    const error = (await third.catch((e: unknown) => e)) as QueueFullError;
    expect(error.status).toBe(429);
    expect(error.headers["Retry-After"]).toBe("6"); // 2 runs ahead x 3 s on 1 slot
    expect(await first).toBe("a");
    expect(await second).toBe("b");
    expect(await queue.run(() => later(1, "d"))).toBe("d");
  });

  it("run(task) rejects with RunTimeoutError at timeoutMs and aborts the task's signal", async () => {
    const queue = createRunQueue({concurrency: 1, maxQueued: 0, timeoutMs: 30});
    let signal: AbortSignal | undefined;
    const run = queue.run((s) => {
      signal = s;
      return new Promise(() => {});
    });
    await expect(run).rejects.toBeInstanceOf(RunTimeoutError);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(RunTimeoutError);
    expect(queue.stats()).toMatchObject({running: 0, timedOut: 1});
  });

  it("run(task) passes a task's own error through and frees its slot", async () => {
    const queue = createRunQueue({concurrency: 1, maxQueued: 0, timeoutMs: 1000});
    await expect(
      queue.run(async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(
      queue.run(() => {
        throw new Error("sync boom");
      }),
    ).rejects.toThrow("sync boom");
    expect(await queue.run(async () => 1)).toBe(1);
    expect(queue.stats()).toMatchObject({failed: 2, completed: 1, running: 0});
  });

  it("createRunQueue rejects a concurrency below 1 or a timeout of 0", () => {
    expect(() => createRunQueue({concurrency: 0})).toThrow(
      "invalid concurrency: 0 (expected an integer >= 1)",
    );
    expect(() => createRunQueue({timeoutMs: 0})).toThrow(RangeError);
  });
});
