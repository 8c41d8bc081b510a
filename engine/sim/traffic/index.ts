// clock, event queue and runtime shared by the state machines of one business
export {TRAFFIC_EVENT, TrafficClock} from "./traffic-clock.ts";
export {createTrafficRuntime, delayMs} from "./traffic-runtime.ts";
export type {ContactTable, TrafficRuntime} from "./traffic-runtime.ts";
// state machines of the arrival sources and the campaign occurrences of one business
export {ArrivalSources} from "./arrival-source.ts";
export {CampaignOccurrences} from "./campaign-flow.ts";
// flows: state machines in the business's flow table
export {FLOW, FlowTable} from "./flow-table.ts";
export {flowCategorical, flowDelayMs, flowPoisson} from "./flow-draws.ts";
export {stepFlow} from "./step-flow.ts";
export {followUpStep, startFollowUp} from "./follow-up-flow.ts";
export {orderStep, startOrder} from "./order-flow.ts";
export {otpStep, startOtp} from "./otp-flow.ts";
export {replyDelayMs, sessionStep, startAnswer, startSession} from "./session-flow.ts";
