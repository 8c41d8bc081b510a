import {createEventQueue, MAX_PRIORITY} from "./event-queue.ts";
import type {EventQueue} from "./event-queue.ts";

/**
 * A process: a generator that yields small integer commands to the simulation. A number `>= 0`
 * holds the process for that many milliseconds; {@link PASSIVATE} suspends it until
 * {@link Simulation.activate}. Returning ends the process.
 */
export type Process = Generator<number, void, undefined>;

/** Event handler of a kind defined with {@link Simulation.defineKind}: the event's slot and time. */
export type EventHandler = (slot: number, nowMs: number) => void;

/** Yield this to suspend a process until something activates it. */
export const PASSIVATE = -1;
/** Default priority of events and processes (lower runs first at equal times). */
export const NORMAL = 1;
/** A priority that runs before NORMAL events at the same time. */
export const URGENT = 0;

/** Largest slot an event may carry (24 bits), and the largest number of live processes. */
export const MAX_SLOT = 0xffffff;
const MAX_KINDS = 255;
const PROCESS_KIND = 0;
// eventOrder(priority, seq) inlined: priority * 2^44 + seq
const SEQ_SPAN = 2 ** 44;

/** A process or event handler failed; `cause` is the original error. */
export class SimulationError extends Error {
  /** Simulated time of the failing event, ms. */
  readonly timeMs: number;
  constructor(message: string, timeMs: number, options?: {cause?: unknown}) {
    super(message, options);
    this.name = "SimulationError";
    this.timeMs = timeMs;
  }
}

/** A discrete-event simulation in SimPy's shape: a clock, an event queue, processes. */
export interface Simulation {
  /** Current simulated time, ms. */
  readonly now: number;
  /** Number of events waiting in the queue. */
  readonly pending: number;
  /** Number of events processed so far. */
  readonly processed: number;
  /**
   * Registers a handler for a kind of event and returns the kind's code (1..255). The hot form:
   * the handler receives the event's slot and keeps its state in the caller's typed arrays.
   */
  defineKind(handler: EventHandler): number;
  /** Schedules an event of `kind` for `slot` at absolute time `timeMs >= now`. O(log n). */
  schedule(timeMs: number, kind: number, slot: number, priority?: number): void;
  /**
   * Starts a process at `now + delayMs` and returns its id. With `immediate` (and no delay) the
   * process runs to its first yield at once, inside the caller's event, instead of from a start
   * event of its own: the same simulated time, one event fewer. Returns -1 if it finished there.
   */
  process(
    process: Process,
    options?: {delayMs?: number; priority?: number; immediate?: boolean},
  ): number;
  /** Wakes a passive process at `now + delayMs`. @throws SimulationError if it is not passive. */
  activate(pid: number, delayMs?: number): void;
  /** Processes the next event; false if there is none. */
  step(): boolean;
  /**
   * Processes every event strictly before `until` (all events if omitted), then sets the clock to
   * `until`. Events at exactly `until` stay queued, so `run` over consecutive windows
   * `[t0, t1)`, `[t1, t2)` equals one run.
   * @throws SimulationError wrapping the first failing process or handler.
   */
  run(options?: {until?: number}): void;
}

/**
 * The simulation behind {@link createSimulation}: a class so that thousands of simulations (one
 * per business) share their methods instead of holding a dozen closures each.
 * NOTE (perf): the fields the constructor sets are `declare`d (see BusinessTraffic).
 */
class EventSimulation implements Simulation {
  declare private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  // NOTE (perf): `declare`d, as TrafficClock.now: a double stored in place, no heap number per event
  declare private clock: number;
  private seq = 0;
  private count = 0;
  // process table: generators by pid, a free list of pids, per-pid priority and passive flag
  private readonly generators: (Process | undefined)[] = [];
  private processPriority = new Uint8Array(16);
  private passive = new Uint8Array(16);
  private readonly freePids: number[] = [];

  constructor(startMs: number, capacity: number) {
    this.clock = startMs;
    this.queue = createEventQueue(capacity);
  }

  get now(): number {
    return this.clock;
  }

  get pending(): number {
    return this.queue.length;
  }

  get processed(): number {
    return this.count;
  }

  private tooEarly(timeMs: number): never {
    throw new SimulationError(
      `cannot schedule at ${timeMs}, before now (${this.clock})`,
      this.clock,
    );
  }

  private invalidEvent(timeMs: number, kind: number, slot: number, priority: number): never {
    if (!(timeMs >= this.clock)) this.tooEarly(timeMs);
    throw new SimulationError(
      `invalid event: kind ${kind}, slot ${slot}, priority ${priority}`,
      this.clock,
    );
  }

  private resume(pid: number): void {
    const generator = this.generators[pid]!;
    const result = generator.next();
    if (result.done === true) {
      this.generators[pid] = undefined;
      this.freePids.push(pid);
      return;
    }
    const command = result.value;
    if (command >= 0) {
      this.queue.push(
        this.clock + command,
        this.processPriority[pid]! * SEQ_SPAN + this.seq++,
        pid,
      );
    } else if (command === PASSIVATE) {
      this.passive[pid] = 1;
    } else {
      throw new SimulationError(
        `process ${pid} yielded an invalid command: ${command}`,
        this.clock,
      );
    }
  }

  private fail(error: unknown, ref: number): never {
    if (error instanceof SimulationError) throw error;
    const kind = ref >>> 24;
    const what = kind === PROCESS_KIND ? `process ${ref & MAX_SLOT}` : `event kind ${kind}`;
    throw new SimulationError(`${what} failed at t=${this.clock}`, this.clock, {cause: error});
  }

  defineKind(handler: EventHandler): number {
    if (this.handlers.length >= MAX_KINDS)
      throw new SimulationError("too many event kinds", this.clock);
    this.handlers.push(handler);
    return this.handlers.length; // kind 0 is the process kind
  }

  schedule(timeMs: number, kind: number, slot: number, priority = NORMAL): void {
    // one combined check: integer slot and priority in range, a defined kind, not in the past
    if (!(
      timeMs >= this.clock &&
      kind > PROCESS_KIND &&
      kind <= this.handlers.length &&
      (slot & MAX_SLOT) === slot &&
      (priority & MAX_PRIORITY) === priority
    )) {
      this.invalidEvent(timeMs, kind, slot, priority);
    }
    this.queue.push(timeMs, priority * SEQ_SPAN + this.seq++, (kind << 24) | slot);
  }

  process(
    process: Process,
    options: {delayMs?: number; priority?: number; immediate?: boolean} = {},
  ): number {
    const priority = options.priority ?? NORMAL;
    if (!(priority >= 0 && priority <= MAX_PRIORITY)) {
      throw new SimulationError(`invalid priority ${priority}`, this.clock);
    }
    const timeMs = this.clock + (options.delayMs ?? 0);
    if (!(timeMs >= this.clock)) this.tooEarly(timeMs);
    let pid = this.freePids.pop();
    if (pid === undefined) {
      pid = this.generators.length;
      if (pid > MAX_SLOT) throw new SimulationError("too many live processes", this.clock);
      this.generators.push(undefined);
      if (pid >= this.passive.length) {
        const passive = new Uint8Array(this.passive.length * 2);
        passive.set(this.passive);
        this.passive = passive;
        const priorities = new Uint8Array(this.processPriority.length * 2);
        priorities.set(this.processPriority);
        this.processPriority = priorities;
      }
    }
    this.generators[pid] = process;
    this.processPriority[pid] = priority;
    this.passive[pid] = 0;
    if (options.immediate === true && timeMs === this.clock) {
      this.resume(pid);
      return this.generators[pid] === undefined ? -1 : pid;
    }
    this.queue.push(timeMs, priority * SEQ_SPAN + this.seq++, pid);
    return pid;
  }

  activate(pid: number, delayMs = 0): void {
    if (this.generators[pid] === undefined || this.passive[pid] !== 1) {
      throw new SimulationError(`process ${pid} is not passive`, this.clock);
    }
    const timeMs = this.clock + delayMs;
    if (!(timeMs >= this.clock)) this.tooEarly(timeMs);
    this.passive[pid] = 0;
    this.queue.push(timeMs, this.processPriority[pid]! * SEQ_SPAN + this.seq++, pid);
  }

  step(): boolean {
    const queue = this.queue;
    if (queue.length === 0) return false;
    this.clock = queue.peekTime();
    const ref = queue.take();
    this.count++;
    try {
      const kind = ref >>> 24;
      if (kind === PROCESS_KIND) this.resume(ref);
      else this.handlers[kind - 1]!(ref & MAX_SLOT, this.clock);
    } catch (error) {
      this.fail(error, ref);
    }
    queue.settle();
    return true;
  }

  run(options: {until?: number} = {}): void {
    const until = options.until ?? Infinity;
    const queue = this.queue;
    const handlers = this.handlers;
    let count = 0;
    let ref = 0;
    try {
      // hot path: one heap removal and one handler call per event
      // NOTE (perf): the event is taken lazily: the handler's first schedule fills its place in
      // the heap (one sift-down, short for a near-future event) instead of a pop and a push
      while (queue.length > 0) {
        const t = queue.peekTime();
        if (t >= until) break;
        this.clock = t;
        ref = queue.take();
        count++;
        const kind = ref >>> 24;
        if (kind === PROCESS_KIND) this.resume(ref);
        else handlers[kind - 1]!(ref & MAX_SLOT, t);
        queue.settle();
      }
    } catch (error) {
      this.count += count;
      this.fail(error, ref);
    }
    this.count += count;
    if (until !== Infinity && until > this.clock) this.clock = until;
  }
}

/**
 * Creates a simulation whose clock starts at `startMs`. Ties in time are resolved by priority
 * and then by scheduling order (FIFO), so a model and its seeds replay identically.
 * @example
 * const sim = createSimulation();
 * const log: number[] = [];
 * sim.process((function* () { yield 5; log.push(sim.now); yield 10; log.push(sim.now); })());
 * sim.run();
 * log; // => [5, 15]
 */
export function createSimulation(options: {startMs?: number; capacity?: number} = {}): Simulation {
  return new EventSimulation(options.startMs ?? 0, options.capacity ?? 1024);
}
