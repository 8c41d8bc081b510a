import {createEventQueue} from "../event-queue.ts";
import type {EventQueue} from "../event-queue.ts";
import {MAX_SLOT, SimulationError} from "../simulation.ts";

/** The kinds of event a business's traffic schedules; the slot says which entity wakes. */
export const TRAFFIC_EVENT = {
  /** A flow of the flow table (slot: its row). */
  flow: 1,
  /** The arrival sources (slot 0). */
  arrivals: 2,
  /** A campaign occurrence (slot: its index). */
  campaign: 3,
} as const;

/**
 * The clock and event queue of one business's traffic: the same (time, priority, seq) order as
 * a Simulation whose events all have NORMAL priority, so ties on time are first-in first-out.
 * With one priority for all, an event's order key is its sequence number alone.
 * NOTE (perf): the traffic's own event loop instead of a Simulation with a handler per kind: the
 * loop switches on a small integer kind and calls methods of a few classes, which V8 inlines; a
 * Simulation calls a closure per business and kind, too many for V8 to inline.
 */
export class TrafficClock {
  /**
   * The simulated time of the event being processed, ms.
   * NOTE (perf): `declare`d, so that no field is defined as `undefined` before the constructor
   * sets it: born a number, the field keeps its double in place, where a field first holding
   * `undefined` stores every new time as a fresh heap number (an allocation per event).
   */
  declare now: number;
  /** Events processed so far. */
  events = 0;
  declare readonly queue: EventQueue;
  private seq = 0;

  constructor(startMs: number, capacity = 64) {
    this.now = startMs;
    this.queue = createEventQueue(capacity);
  }

  /**
   * Schedules an event of `kind` (a TRAFFIC_EVENT) for `slot` at `timeMs >= now`. O(log n).
   * @throws SimulationError if `timeMs` is before now (or NaN) or the slot out of range.
   */
  schedule(timeMs: number, kind: number, slot: number): void {
    if (!(timeMs >= this.now) || (slot & MAX_SLOT) !== slot) this.invalid(timeMs, kind, slot);
    this.queue.push(timeMs, this.seq++, (kind << 24) | slot);
  }

  /**
   * Schedules an event of `kind` for `slot` `delayMs` from now: {@link schedule} at `now +
   * delayMs`, exact for whole ms (every time here is one).
   * NOTE (perf): a delay in whole ms is a small integer, passed unboxed where V8 does not inline
   * this call, where a time (~1.7e12 ms) is a heap number (an allocation per event).
   */
  scheduleAfter(delayMs: number, kind: number, slot: number): void {
    this.schedule(this.now + delayMs, kind, slot);
  }

  /**
   * Schedules the flow in row `row` of the flow table to wake `delayMs` from now.
   * NOTE (perf): takes the delay, not the time: a delay in whole ms is a small integer, passed
   * unboxed where V8 does not inline this call, where a time (~1.7e12 ms) is a heap number.
   */
  wakeAfter(delayMs: number, row: number): void {
    this.schedule(this.now + delayMs, TRAFFIC_EVENT.flow, row);
  }

  // out of line, so that the hot `schedule` stays small enough to inline
  private invalid(timeMs: number, kind: number, slot: number): never {
    throw new SimulationError(`invalid event at ${timeMs}: kind ${kind}, slot ${slot}`, this.now);
  }
}
