import {PAIR, PAIR_STRIDE} from "./billing-state.ts";
import type {BillingState} from "./billing-state.ts";
import {HOUR_MS} from "../codes.ts";

export const FEP_NONE = 0;
export const FEP_OPEN = 1;
export const FEP_OPENED = 2;
export const DAY_MS = 24 * HOUR_MS;
/** C-5 / CBP23-8 / PMP25-1: an FEP lasts 72 h (24 h under cbp-2022-02 before 2023-03-01). */
export const FEP_72H_MS = 72 * HOUR_MS;

/**
 * Records an inbound message at `tMs` for a pair: it opens or refreshes the CSW (C-3) and, from an
 * ad or page button on a mobile device, makes the user eligible for a free entry point (C-5, R-10).
 */
export function receiveInbound(
  state: BillingState,
  pair: number,
  tMs: number,
  fepEligible: boolean,
): void {
  const base = pair * PAIR_STRIDE;
  state.pairState[base + PAIR.cswEnd] = tMs + DAY_MS; // C-3, C-4: [U, U+24h)
  if (fepEligible) state.pairState[base + PAIR.fepEligibleEnd] = tMs + DAY_MS; // C-5: eligible for [U, U+24h)
}

/**
 * The free-entry-point status of the delivered business message being billed (C-5, R-10, R-17):
 * FEP_OPEN inside an open FEP, FEP_OPENED if it opens one, else FEP_NONE. The first delivered
 * business message inside the eligibility interval uses the eligibility up, whether or not an
 * FEP opens (an engine reading of "the first business message delivered inside that interval").
 * With `firstOnly` (CBP22-5, I-3) an FEP opens only if none ever opened for the pair.
 */
export function freeEntryPoint(state: BillingState, fepMs: number, firstOnly: boolean): number {
  const windows = state.pairState;
  const base = state.pairBase;
  const tMs = state.tMs;
  const eligible = tMs < windows[base + PAIR.fepEligibleEnd]!;
  if (eligible) windows[base + PAIR.fepEligibleEnd] = -Infinity;
  if (tMs < windows[base + PAIR.fepEnd]!) return FEP_OPEN; // C-4: [R, R+72h)
  if (!eligible || (firstOnly && state.fepEver[state.pair] === 1)) return FEP_NONE;
  windows[base + PAIR.fepEnd] = tMs + fepMs;
  state.fepEver[state.pair] = 1;
  return FEP_OPENED;
}
