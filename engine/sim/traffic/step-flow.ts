import {FLOW} from "./flow-table.ts";
import {followUpStep} from "./follow-up-flow.ts";
import {orderStep} from "./order-flow.ts";
import {otpStep} from "./otp-flow.ts";
import {sessionStep} from "./session-flow.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * Wakes the flow in row `row` of the business's flow table (its event fired): makes its stream
 * current and runs it from its stage until it waits again or ends.
 * @example stepFlow(rt, row); // in the business's event loop, for a TRAFFIC_EVENT.flow event
 */
export function stepFlow(rt: TrafficRuntime, row: number): void {
  const flows = rt.flows;
  flows.current = row;
  const kind = flows.kind[row]!;
  if (kind === FLOW.session) sessionStep(rt, row, flows.stage[row]!);
  else if (kind === FLOW.order) orderStep(rt, row);
  else if (kind === FLOW.otp) otpStep(rt, row);
  else followUpStep(rt, row);
}
