// runtime shared by the processes of one business
export {createTrafficRuntime, delayMs} from "./traffic-runtime.ts";
export type {ContactTable, TrafficRuntime} from "./traffic-runtime.ts";
// state machines of the arrival sources and the campaign occurrences of one business
export {arrivalSources} from "./arrival-source.ts";
export {campaignOccurrences} from "./campaign-flow.ts";
// flows: state machines in the business's flow table
export {FLOW, FlowTable} from "./flow-table.ts";
export {flowCategorical, flowDelayMs, flowPoisson} from "./flow-draws.ts";
export {stepFlow} from "./step-flow.ts";
export {followUpStep, startFollowUp} from "./follow-up-flow.ts";
export {orderStep, startOrder} from "./order-flow.ts";
export {otpStep, startOtp} from "./otp-flow.ts";
export {replyDelayMs, sessionStep, startAnswer, startSession} from "./session-flow.ts";
