import {STATUS, TEMPLATE_CATEGORY, TEMPLATE_TYPE} from "../../../models/codes.ts";
import type {CampaignPlan} from "../../../models/traffic/traffic-plan.ts";
import {hashUnit} from "../hash32.ts";
import {sfc32Next, sfc32Word} from "../random-streams.ts";
import {startAnswer} from "./session-flow.ts";
import {TRAFFIC_EVENT} from "./traffic-clock.ts";
import {delayMs} from "./traffic-runtime.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/** Where one campaign occurrence stands: the next user it looks at and what it has sent. */
interface OccurrenceState {
  campaign: CampaignPlan;
  occurrence: number;
  /** Whether the occurrence's stream is seeded (at its first event). */
  started: boolean;
  segmentKey: number;
  startMs: number;
  /** Position in `campaign.populations` and the user within that population. */
  at: number;
  user: number;
  sent: number;
}

/**
 * The campaign occurrences of one business (models/traffic/marketing-campaign.ts) as state
 * machines: occurrence `slot` (in the order of `campaigns` and their occurrences) wakes at its
 * send time, walks the segment's users in a stable order and sends each a template,
 * `sendIntervalMs` apart. The segment is a stable hash of (campaign, user) below `share`, the
 * same for every occurrence. Marketing sends skip users at the frequency cap and may fail on
 * Meta's per-user limits. Draws come from the occurrence's own stream, so the campaign never
 * shifts the draws of other traffic.
 *
 * The business's TRAFFIC_EVENT.campaign event (the slot is the occurrence) calls {@link step};
 * the caller schedules each occurrence's first event at its time.
 * NOTE (perf): a class called from the business's event loop instead of a generator process per
 * occurrence: a send costs no generator resume; the cap checks, the draws and the events (times
 * and order among ties) are those of the process it replaces, so the messages are the same byte
 * for byte.
 * NOTE (perf): the fields the constructor sets are `declare`d (see BusinessTraffic).
 * @example clock.schedule(at, TRAFFIC_EVENT.campaign, slot); // then occurrences.step(slot)
 */
export class CampaignOccurrences {
  declare private readonly rt: TrafficRuntime;
  private readonly states: OccurrenceState[] = [];
  private readonly segmentKeys = new Map<CampaignPlan, number>();
  // NOTE (perf): the occurrences' streams as sfc32 states (four words per occurrence, as
  // ArrivalSources) drawn by sfc32Next, which V8 inlines, instead of a stream closure per
  // occurrence, whose draws are calls V8 does not inline (one closure each: "many closures")
  declare private readonly streamStates: Int32Array;

  constructor(rt: TrafficRuntime, campaigns: readonly CampaignPlan[]) {
    this.rt = rt;
    for (const campaign of campaigns) {
      for (let k = 0; k < campaign.occurrences.length; k++) {
        this.states.push({
          campaign,
          occurrence: k,
          started: false,
          segmentKey: 0,
          startMs: 0,
          at: 0,
          user: 0,
          sent: 0,
        });
      }
    }
    this.streamStates = new Int32Array(4 * this.states.length);
  }

  /**
   * Sends occurrence `slot`'s template to `user` of population `p`, drawing from its stream the
   * draws `outbound(..., rnd)`, `rnd() < responseRate`, `delayMs(rnd, responseDelay)` and
   * `forkStream(rnd)` make of the stream `rnd` it replaces.
   */
  private send(slot: number, state: OccurrenceState, p: number, user: number): void {
    const {campaign} = state;
    const rt = this.rt;
    const s = this.streamStates;
    const at = 4 * slot;
    state.sent++;
    const status = rt.outbound(p, user, TEMPLATE_TYPE, campaign.category, s, at);
    if (status === STATUS.delivered && sfc32Next(s, at) < campaign.responseRate) {
      // (a closure only for the few sends answered)
      const waitMs = delayMs(() => sfc32Next(s, at), campaign.responseDelay);
      startAnswer(rt, p, user, waitMs, sfc32Word(s, at), sfc32Word(s, at));
    }
  }

  /** The first event of an occurrence: its stream, its segment key and its first user. */
  private start(slot: number, state: OccurrenceState): void {
    const rt = this.rt;
    const {campaign} = state;
    state.started = true;
    const key = `${rt.keyPrefix}${campaign.key}/${state.occurrence}`;
    rt.streams.seedState(key, this.streamStates, 4 * slot);
    let segmentKey = this.segmentKeys.get(campaign);
    if (segmentKey === undefined) {
      segmentKey = rt.streams.seed32(`${rt.keyPrefix}${campaign.key}/segment`);
      this.segmentKeys.set(campaign, segmentKey);
    }
    state.segmentKey = segmentKey;
    state.startMs = rt.clock.now;
    state.at = 0;
    const populations = campaign.populations;
    state.user = populations.length > 0 ? rt.plan.populations[populations[0]!]!.offset : 0;
  }

  /** Occurrence `slot`'s event: sends what is due now and schedules the next send. */
  step(slot: number): void {
    const rt = this.rt;
    const state = this.states[slot]!;
    const {campaign} = state;
    const clock = rt.clock;
    const populations = campaign.populations;
    if (!state.started) this.start(slot, state);
    else {
      // woken for the send that was due: the user it stopped at
      this.send(slot, state, populations[state.at]!, state.user);
      state.user++;
    }
    const marketing = campaign.category === TEMPLATE_CATEGORY.marketing;
    const {segmentKey, startMs} = state;
    while (state.at < populations.length) {
      const p = populations[state.at]!;
      const end = rt.plan.populations[p]!.offset + rt.plan.populations[p]!.users;
      for (; state.user < end; state.user++) {
        const user = state.user;
        if (hashUnit(segmentKey, user) >= campaign.share) continue;
        if (marketing) {
          if (rt.capped(user)) continue;
          rt.recordMarketing(user);
        }
        const due = Math.round(startMs + state.sent * campaign.sendIntervalMs);
        if (due > clock.now) {
          // NOTE (perf): by its delay, a small integer: the time would be boxed into the call
          clock.scheduleAfter(due - clock.now, TRAFFIC_EVENT.campaign, slot);
          return;
        }
        this.send(slot, state, p, user);
      }
      state.at++;
      if (state.at < populations.length)
        state.user = rt.plan.populations[populations[state.at]!]!.offset;
    }
  }
}
