// runtime shared by the processes of one business
export {createTrafficRuntime, delayMs} from "./traffic-runtime.ts";
export type {ContactTable, TrafficRuntime} from "./traffic-runtime.ts";
// processes
export {arrivalSources} from "./arrival-source.ts";
export {answerFlow} from "./answer-flow.ts";
export {campaignFlow} from "./campaign-flow.ts";
export {followUpFlow} from "./follow-up-flow.ts";
export {orderFlow} from "./order-flow.ts";
export {otpFlow} from "./otp-flow.ts";
export {replyDelayMs, sessionFlow} from "./session-flow.ts";
