import type {Worker} from "node:worker_threads";
import {startTypeScriptWorker} from "../../engine/scenario/index.ts";
import {InputError} from "../../models/input-error.ts";
import {ValidationError} from "../api/http-error.ts";
import type {PoolJob, PoolReply} from "./pool-messages.ts";

/** When a job runs: interactive jobs (a visitor's run, a quote) before background ones (warming). */
export type JobPriority = "interactive" | "background";

/**
 * The abort reason of a submitter that no longer wants its job (e.g. another unit of its run
 * failed): a queued job nobody else wants is dropped, a running one is left to finish. Any other
 * reason (a timeout) stops a running job nobody else wants, thread and all.
 */
export class JobNotWanted extends Error {
  constructor(cause?: unknown) {
    super("job no longer wanted", {cause});
    this.name = "JobNotWanted";
  }
}

/** Options of one job. */
export interface JobOptions {
  priority?: JobPriority;
  /** Jobs with the same key are computed once: later submitters share the first one's answer. */
  key?: string;
  /** Aborting drops this submitter; a job nobody waits for any more is dropped or stopped. */
  signal?: AbortSignal;
}

/** Counters of a pool, for /api/health and tests. */
export interface ThreadPoolStats {
  threads: number;
  /** Threads still loading their modules (a job sent to one waits for it). */
  starting: number;
  busy: number;
  queued: number;
  completed: number;
  /** Threads restarted (a crashed thread, or one stopped because nobody waited for its job). */
  restarts: number;
}

/** Long-lived worker threads that take one job at a time, interactive first. */
export interface ThreadPool {
  /**
   * Runs a job on the first free thread and resolves with its answer.
   * @throws InputError (the thread's input problems), Error for a thread failure, or the
   * signal's reason when aborted.
   */
  submit<T>(job: PoolJob, options?: JobOptions): Promise<T>;
  stats(): ThreadPoolStats;
  /** Stops every thread; queued and running jobs reject. */
  close(): Promise<void>;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Pending {
  id: number;
  job: PoolJob;
  key: string | undefined;
  /** 0 interactive, 1 background. */
  rank: number;
  seq: number;
  waiters: Set<Waiter>;
  thread?: Slot;
}

interface Slot {
  worker: Worker;
  running: Pending | undefined;
  starting: boolean;
}

const THREAD_URL = new URL("./pool-thread.ts", import.meta.url);

/**
 * Creates a pool of `size` worker threads (node:worker_threads, which Deno also provides) on the
 * pool thread (server/queue/pool-thread.ts), each handed `data` once (rate cards, numbering
 * plans). A thread stays up, so it pays its start (~0.2 s from the cached bundle of its
 * modules, ~0.7 s through tsx: startTypeScriptWorker; then the rate cards) and the JIT's warm-up
 * once, not per run. Each thread gets one job at a time, the
 * queued job of best (priority, submission order), so an interactive job waits for at most the
 * job a thread is running. A thread that fails or whose job nobody awaits any more (every
 * submitter aborted) is terminated and replaced.
 * @example const pool = createThreadPool({size: 2, data}); await pool.submit({kind: "quote", request}) // => QuoteResult
 */
export function createThreadPool({size, data}: {size: number; data: unknown}): ThreadPool {
  if (!(Number.isInteger(size) && size >= 1))
    throw new RangeError(`invalid size: ${size} (expected an integer >= 1)`);
  const queued: Pending[] = [];
  const byKey = new Map<string, Pending>();
  const slots: Slot[] = [];
  let nextId = 1;
  let seq = 0;
  let closed = false;
  const counters = {completed: 0, restarts: 0};

  function start(slot?: Slot): Slot {
    const worker = startTypeScriptWorker(THREAD_URL, data);
    const own: Slot = slot ?? {worker, running: undefined, starting: true};
    own.worker = worker;
    own.running = undefined;
    own.starting = true;
    worker.unref();
    worker.on("message", (reply: PoolReply | {type: "ready"}) => {
      if (reply.type === "ready") {
        if (own.worker === worker) own.starting = false;
        return;
      }
      const pending = own.running;
      if (pending === undefined || pending.id !== reply.id) return;
      own.running = undefined;
      worker.unref();
      settle(pending, reply);
      dispatchAfterSubmitters();
    });
    const lost = (error: Error) => {
      if (own.worker !== worker || closed) return;
      const pending = own.running;
      counters.restarts++;
      start(own);
      if (pending !== undefined) {
        settle(pending, {id: pending.id, type: "error", message: error.message});
      }
      dispatchAfterSubmitters();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`pool thread exited with code ${code}`)));
    return own;
  }

  function settle(pending: Pending, reply: PoolReply) {
    if (pending.key !== undefined && byKey.get(pending.key) === pending) byKey.delete(pending.key);
    counters.completed++;
    const error =
      reply.type === "done"
        ? undefined
        : reply.type === "input-error"
          ? new InputError(reply.problems)
          : reply.type === "validation-error"
            ? new ValidationError(reply.problems)
            : new Error(`pool thread failed: ${reply.message}`);
    for (const waiter of pending.waiters) {
      waiter.signal?.removeEventListener("abort", waiter.onAbort!);
      if (error === undefined) waiter.resolve((reply as {value: unknown}).value);
      else waiter.reject(error);
    }
    pending.waiters.clear();
  }

  /**
   * Dispatches once the settled job's submitters have reacted (their promise handlers run
   * first): a run whose unit failed drops its queued units before a thread takes one of them.
   */
  function dispatchAfterSubmitters() {
    setTimeout(dispatch, 0);
  }

  function dispatch() {
    for (const slot of slots) {
      if (slot.running !== undefined || queued.length === 0) continue;
      let best = 0;
      for (let i = 1; i < queued.length; i++) {
        const a = queued[i]!;
        const b = queued[best]!;
        if (a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq)) best = i;
      }
      const pending = queued.splice(best, 1)[0]!;
      pending.thread = slot;
      slot.running = pending;
      slot.worker.ref(); // a running job keeps the process alive; an idle thread does not
      slot.worker.postMessage({id: pending.id, job: pending.job});
    }
  }

  function drop(pending: Pending, waiter: Waiter, reason: unknown) {
    pending.waiters.delete(waiter);
    if (pending.waiters.size > 0) return;
    const index = queued.indexOf(pending);
    if (index >= 0) {
      queued.splice(index, 1);
      if (pending.key !== undefined && byKey.get(pending.key) === pending)
        byKey.delete(pending.key);
    } else if (
      !(reason instanceof JobNotWanted) &&
      pending.thread !== undefined &&
      pending.thread.running === pending
    ) {
      if (pending.key !== undefined && byKey.get(pending.key) === pending)
        byKey.delete(pending.key);
      // NOTE (perf): stopping a thread costs a restart and a cold JIT; only timeouts get here
      const slot = pending.thread;
      const old = slot.worker;
      counters.restarts++;
      start(slot);
      void old.terminate();
      dispatch();
    }
  }

  for (let i = 0; i < size; i++) slots.push(start());

  return {
    submit<T>(job: PoolJob, options: JobOptions = {}): Promise<T> {
      if (closed) return Promise.reject(new Error("the thread pool is closed"));
      const {key, signal} = options;
      const rank = options.priority === "background" ? 1 : 0;
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter = {resolve: resolve as (v: unknown) => void, reject, signal};
        let pending = key === undefined ? undefined : byKey.get(key);
        if (pending === undefined) {
          pending = {id: nextId++, job, key, rank, seq: seq++, waiters: new Set()};
          if (key !== undefined) byKey.set(key, pending);
          queued.push(pending);
        } else if (rank < pending.rank) {
          pending.rank = rank; // an interactive submitter lifts a background job
          pending.seq = seq++;
        }
        pending.waiters.add(waiter);
        if (signal !== undefined) {
          const mine = pending;
          waiter.onAbort = () => {
            drop(mine, waiter, signal.reason);
            reject(signal.reason);
          };
          signal.addEventListener("abort", waiter.onAbort, {once: true});
        }
        dispatch();
      });
    },
    stats: () => ({
      threads: slots.length,
      starting: slots.filter((s) => s.starting).length,
      busy: slots.filter((s) => s.running !== undefined).length,
      queued: queued.length,
      completed: counters.completed,
      restarts: counters.restarts,
    }),
    async close() {
      closed = true;
      const error = new Error("the thread pool is closed");
      for (const pending of [...queued, ...slots.flatMap((s) => s.running ?? [])])
        for (const waiter of pending.waiters) waiter.reject(error);
      queued.length = 0;
      byKey.clear();
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
