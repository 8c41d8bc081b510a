import type {BillingState} from "./billing-state.ts";
import {billPmp2025_07} from "./pmp-2025-07.ts";

/** PMP26-4, R-6: default of the `serviceFreePerPhone` option (0 turns the allowance off). */
export const DEFAULT_SERVICE_FREE_PER_PHONE = 1000;

/**
 * Bills a delivered business message under `pmp-2026-10` (from 2026-10-01): as pmp-2025-07, but a
 * non-template outside an FEP is `service`, charged at the market's utility rate without tiers
 * after the per-phone monthly allowance (PMP26-1, PMP26-4), and utility templates inside the CSW
 * are charged with tiers (PMP26-2). The FEP is unchanged (PMP26-3).
 */
export function billPmp2026_10(state: BillingState): void {
  billPmp2025_07(state, true);
}
