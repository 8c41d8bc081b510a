import {QueueFullError, RunTimeoutError} from "../api/http-error.ts";

/** Bounds of a run queue. */
export interface RunQueueOptions {
  /** Runs executing at once; default 1. */
  concurrency?: number;
  /** Runs waiting for a slot before new ones are refused with 429; default 8. */
  maxQueued?: number;
  /** A run's time limit from its start, in ms; default 120 000. */
  timeoutMs?: number;
  /** Guess of a run's duration before any has finished, for Retry-After; default 5 000 ms. */
  expectedRunMs?: number;
}

/** What a run is handed: a signal that aborts when it times out. */
export type RunTask<T> = (signal: AbortSignal) => Promise<T>;

/** Counters of a queue, for /api/health and tests. */
export interface RunQueueStats {
  running: number;
  queued: number;
  completed: number;
  failed: number;
  timedOut: number;
  refused: number;
}

/** A bounded FIFO of runs: at most `concurrency` at once, `maxQueued` waiting, each timed out. */
export interface RunQueue {
  /**
   * Runs `task` when a slot is free and resolves with its result.
   * @throws QueueFullError (synchronously rejected) when `maxQueued` runs already wait.
   * @throws RunTimeoutError when the task runs longer than `timeoutMs` (its signal is aborted).
   */
  run<T>(task: RunTask<T>): Promise<T>;
  stats(): RunQueueStats;
}

interface Waiting {
  start: () => void;
}

/**
 * Creates a run queue. A run holds its slot until it settles or times out, whichever comes first;
 * on a timeout the caller gets RunTimeoutError at once and the task's signal is aborted, so a
 * runner that honours the signal stops and a stuck one cannot jam the queue. Retry-After for a
 * refused run is the mean run time so far times the runs ahead of it, per slot.
 * @example
 * const queue = createRunQueue({concurrency: 1, maxQueued: 0, timeoutMs: 1000});
 * await queue.run(async () => 42) // => 42
 */
export function createRunQueue(options: RunQueueOptions = {}): RunQueue {
  const concurrency = positiveInteger(options.concurrency ?? 1, "concurrency");
  const maxQueued = Math.max(0, Math.floor(options.maxQueued ?? 8));
  const timeoutMs = options.timeoutMs ?? 120_000;
  if (!(timeoutMs > 0)) throw new RangeError(`invalid timeoutMs: ${timeoutMs} (expected > 0)`);
  let meanRunMs = options.expectedRunMs ?? 5_000;
  let finishedRuns = 0;
  const waiting: Waiting[] = [];
  const stats: RunQueueStats = {
    running: 0,
    queued: 0,
    completed: 0,
    failed: 0,
    timedOut: 0,
    refused: 0,
  };

  function release() {
    stats.running--;
    const next = waiting.shift();
    stats.queued = waiting.length;
    next?.start();
  }

  function record(ms: number) {
    finishedRuns++;
    meanRunMs += (ms - meanRunMs) / finishedRuns;
  }

  return {
    run<T>(task: RunTask<T>): Promise<T> {
      if (stats.running >= concurrency && waiting.length >= maxQueued) {
        stats.refused++;
        const ahead = stats.running + waiting.length;
        return Promise.reject(new QueueFullError((meanRunMs * ahead) / concurrency / 1000));
      }
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          stats.running++;
          const controller = new AbortController();
          const startedMs = performance.now();
          let done = false;
          const finish = () => {
            if (done) return false;
            done = true;
            clearTimeout(timer);
            record(performance.now() - startedMs);
            release();
            return true;
          };
          const timer = setTimeout(() => {
            if (!finish()) return;
            stats.timedOut++;
            const error = new RunTimeoutError(timeoutMs);
            controller.abort(error);
            reject(error);
          }, timeoutMs);
          let promise: Promise<T>;
          try {
            promise = Promise.resolve(task(controller.signal));
          } catch (error) {
            promise = Promise.reject(error);
          }
          promise.then(
            (value) => {
              if (!finish()) return;
              stats.completed++;
              resolve(value);
            },
            (error: unknown) => {
              if (!finish()) return;
              stats.failed++;
              reject(error);
            },
          );
        };
        if (stats.running < concurrency) start();
        else {
          waiting.push({start});
          stats.queued = waiting.length;
        }
      });
    },
    stats: () => ({...stats}),
  };
}

function positiveInteger(value: number, name: string): number {
  if (!(Number.isInteger(value) && value >= 1))
    throw new RangeError(`invalid ${name}: ${value} (expected an integer >= 1)`);
  return value;
}
