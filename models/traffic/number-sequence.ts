import type {NumberingPlan} from "./numbering-plan.ts";

/**
 * How many distinct numbers {@link createNumberSequence} can give for a plan.
 * @example numberCapacity({mobilePrefixes: ["9"], nsnLength: 9, ...}) // => 1e8
 */
export function numberCapacity(plan: NumberingPlan): number {
  let smallest = Infinity;
  for (const prefix of plan.mobilePrefixes) {
    smallest = Math.min(smallest, 10 ** (plan.nsnLength - prefix.length));
  }
  return smallest * plan.mobilePrefixes.length;
}

/** The per-plan tables of a number sequence, shared by every key. */
interface PlanTables {
  heads: string[];
  digits: number[];
  moduli: number[];
  capacity: number;
}

const tables = new WeakMap<NumberingPlan, PlanTables>();

function tablesOf(plan: NumberingPlan): PlanTables {
  let t = tables.get(plan);
  if (t === undefined) {
    const digits = plan.mobilePrefixes.map((p) => plan.nsnLength - p.length);
    t = {
      heads: plan.mobilePrefixes.map((p) => `+${plan.callingCode}${p}`),
      digits,
      moduli: digits.map((d) => 10 ** d),
      capacity: numberCapacity(plan),
    };
    tables.set(plan, t);
  }
  return t;
}

/**
 * A bijection from user indices `0 .. numberCapacity(plan) - 1` to distinct, realistic-looking
 * E.164 mobile numbers of one country: index `i` takes the mobile prefix `i mod P` and the
 * subscriber number `(a * floor(i / P) + b_p) mod 10^d`, with `a` coprime to 10. `key` (32 bits)
 * picks `a` and the `b_p`, so two runs with the same key give the same numbers and two keys give
 * different-looking ones. O(1) per number; nothing is stored per key but the closure (the
 * prefix tables are shared per plan).
 * @throws RangeError for an index outside the plan's capacity.
 * @example createNumberSequence(brazil, 7)(0) // => "+55119" followed by 8 digits
 */
export function createNumberSequence(plan: NumberingPlan, key: number): (index: number) => string {
  const {heads, digits} = tablesOf(plan);
  const parts = createParts(plan, key);
  return function numberOf(index) {
    const subscriber = parts(index);
    return heads[partOf]! + String(subscriber).padStart(digits[partOf]!, "0");
  };
}

/**
 * The leading digits of the numbers of {@link createNumberSequence} as one integer, without
 * building the numbers: two indices of equal lead have numbers with the same mobile prefix and
 * the same first `leadDigits` digits after the "+" (and of the same length). With `leadDigits`
 * the length of the longest country prefix, numbers of equal lead have the same
 * market-attribution country, so one number per lead tells them all.
 * @throws RangeError for an index outside the plan's capacity.
 * @example createNumberLeads(brazil, 7, 4)(0) === createNumberLeads(brazil, 7, 4)(16) // => true
 */
export function createNumberLeads(
  plan: NumberingPlan,
  key: number,
  leadDigits: number,
): (index: number) => number {
  const {heads, digits} = tablesOf(plan);
  // per prefix: 10^(subscriber digits past the lead), 10^(subscriber digits in the lead)
  const cut = heads.map((head, p) => 10 ** (digits[p]! - subscriberLead(head, digits[p]!)));
  const span = Math.max(...heads.map((head, p) => 10 ** subscriberLead(head, digits[p]!)));
  const parts = createParts(plan, key);
  function subscriberLead(head: string, subscriberDigits: number): number {
    return Math.max(0, Math.min(subscriberDigits, leadDigits - (head.length - 1)));
  }
  return function leadOf(index) {
    const subscriber = parts(index);
    return partOf * span + Math.floor(subscriber / cut[partOf]!);
  };
}

// NOTE (perf): the mobile prefix of the last number `createParts` split, in a module variable so
// that splitting a number allocates no tuple; read it right after the call
let partOf = 0;

/** The subscriber number of index `index`; its prefix's position goes to `partOf`. */
function createParts(plan: NumberingPlan, key: number): (index: number) => number {
  const {heads, moduli, capacity} = tablesOf(plan);
  const count = heads.length;
  // a in [100_001, 1_048_576): odd and not a multiple of 5, so coprime to every 10^d; a * k < 2^53
  let a = 100_001 + ((key >>> 12) % 948_575);
  if (a % 2 === 0) a += 1;
  if (a % 5 === 0) a += 2;
  return function subscriberOf(index) {
    if (!(index >= 0 && index < capacity && Number.isInteger(index))) {
      throw new RangeError(
        `user index ${index} outside the ${plan.iso2} plan (capacity ${capacity})`,
      );
    }
    const p = index % count;
    const k = Math.floor(index / count);
    const m = moduli[p]!;
    const offset = (Math.imul(key ^ Math.imul(p + 1, 0x9e3779b9), 0x85ebca6b) >>> 0) % m;
    partOf = p;
    return (a * k + offset) % m;
  };
}
