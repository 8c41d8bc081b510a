// confidence intervals over replications
export {meanInterval, pairedDifference} from "./mean-interval.ts";
export type {MeanInterval} from "./mean-interval.ts";
export {tQuantile975} from "./t-quantile.ts";
