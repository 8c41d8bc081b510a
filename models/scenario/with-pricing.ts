import type {Scenario} from "./scenario.ts";
import type {WhatIf} from "./what-if.ts";

/**
 * What-if: bill every message under one pricing model (`cbp-2023-06`, `pmp-2025-07`,
 * `pmp-2026-10`, ...) instead of the model in force at its date; `auto` restores R-1.
 * @example withPricing("pmp-2025-07")(base).pricing // => "pmp-2025-07"
 */
export function withPricing(pricing: string): WhatIf {
  return function priced(scenario: Scenario): Scenario {
    return {...scenario, pricing};
  };
}

/**
 * What-if: price everything with one rate-card edition (its effective date, as `walab bill
 * --rates`); `auto` restores the edition in force (C-10).
 * @example withRateCard("2026-10-01")(base).rates // => "2026-10-01"
 */
export function withRateCard(rates: string): WhatIf {
  return function onCard(scenario: Scenario): Scenario {
    return {...scenario, rates};
  };
}

/**
 * What-if: PMP26-4's free service messages per business phone and month (0 turns the
 * allowance off).
 * @example withServiceFreePerPhone(0)(base).serviceFreePerPhone // => 0
 */
export function withServiceFreePerPhone(count: number): WhatIf {
  return function withAllowance(scenario: Scenario): Scenario {
    return {...scenario, serviceFreePerPhone: count};
  };
}
