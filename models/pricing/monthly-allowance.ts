import type {BillingState} from "./billing-state.ts";

/**
 * C-6, CBP22-4, CBP23-9, R-11: takes one item of the WABA's monthly free allowance; true while the
 * item is within the first `limit` of the month (the 1,000th is free, the 1,001st is charged).
 */
export function takeWabaAllowance(state: BillingState, limit: number): boolean {
  const waba = state.waba;
  if (state.wabaAllowanceMonth[waba] !== state.monthKey) {
    state.wabaAllowanceMonth[waba] = state.monthKey;
    state.wabaAllowanceCount[waba] = 0;
  }
  const count = state.wabaAllowanceCount[waba]! + 1;
  state.wabaAllowanceCount[waba] = count;
  return count <= limit;
}

/** C-6, PMP26-4, R-6: the same per business phone number, for `serviceFreePerPhone` messages. */
export function takePhoneAllowance(state: BillingState): boolean {
  const phone = state.phone;
  if (state.phoneAllowanceMonth[phone] !== state.monthKey) {
    state.phoneAllowanceMonth[phone] = state.monthKey;
    state.phoneAllowanceCount[phone] = 0;
  }
  const count = state.phoneAllowanceCount[phone]! + 1;
  state.phoneAllowanceCount[phone] = count;
  return count <= state.serviceFreePerPhone;
}
