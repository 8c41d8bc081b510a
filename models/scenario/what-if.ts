import type {Scenario} from "./scenario.ts";

/** A what-if: a pure function from a scenario to a changed copy (the input is never mutated). */
export type WhatIf = (scenario: Scenario) => Scenario;

/**
 * Composes what-ifs left to right, like Observable Plot's option transforms: the result applies
 * the first, then the second, and so on. `compose()` is the identity.
 * @example compose(withPricing("pmp-2025-07"), replyFaster(0.5))(base).pricing // => "pmp-2025-07"
 */
export function compose(...whatIfs: readonly WhatIf[]): WhatIf {
  return function composed(scenario) {
    let result = scenario;
    for (const whatIf of whatIfs) result = whatIf(result);
    return result;
  };
}
