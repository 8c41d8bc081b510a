import type {BillingState} from "./billing-state.ts";
import {billCbp2023_06} from "./cbp-2023-06.ts";

/**
 * Bills a delivered business message under `cbp-2024-11` (2024-11-01 .. 2025-06-30): as
 * cbp-2023-06, but service conversations are free and unlimited, still opened and still blocking
 * a second one (CBP24-1), and there is no free tier (CBP24-2). Authentication-international for
 * the 2025-02-01 countries follows from the business start times (CBP24-3, C-8).
 */
export function billCbp2024_11(state: BillingState): void {
  billCbp2023_06(state, true);
}
