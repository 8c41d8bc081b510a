import {describe, expect, it} from "vitest";
import {planOf, rowsOf, yamlOf} from "./fixtures.ts";
import type {Row} from "./fixtures.ts";

const BASE = `  users: 8000
  populations:
    - {id: br, market: BR, share: 0.75}
    - {id: pt, market: PT, share: 0.25}
  sessions:
    organic: {perUserPerMonth: 1.5}
    ctwaAd: {budgetPerDay: 10}
  replies: {botShare: 0.5}
  orders: {conversion: 0.2, perUserPerMonth: 0.5}
  authentication: {perUserPerMonth: 1}
  frequencyCap: {max: 3, per: 7d}
  followUps:
    - {name: cart, trigger: sessionWithoutOrder, probability: 0.4}`;

/** Messages keyed by user, without ids and pair numbers (which count all traffic). */
function byUser(rows: Row[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const {id: _id, pair: _pair, user, ...rest} of rows) {
    let list = map.get(user);
    if (list === undefined) map.set(user, (list = []));
    list.push(JSON.stringify(rest));
  }
  return map;
}

describe("simulate(): common random numbers", () => {
  it("adding a campaign leaves the traffic of users outside its segment unchanged", () => {
    const without = byUser(rowsOf(planOf(yamlOf(BASE)), 77));
    const withCampaign = byUser(
      rowsOf(
        planOf(
          yamlOf(`${BASE}
  campaigns:
    - {name: launch, at: "2025-11-05T12:00:00Z", every: 1d, segment: {populations: [pt]}, responseRate: 0.2}`),
        ),
        77,
      ),
    );
    let compared = 0;
    let changed = 0;
    for (const [user, messages] of without) {
      if (user.startsWith("+351")) {
        if (JSON.stringify(withCampaign.get(user)) !== JSON.stringify(messages)) changed++;
        continue;
      }
      expect(withCampaign.get(user), user).toEqual(messages);
      compared++;
    }
    expect(compared).toBeGreaterThan(3000);
    expect(changed).toBeGreaterThan(0); // the campaign did reach the Portuguese users
    const reached = [...withCampaign.keys()].filter((u) => u.startsWith("+351")).length;
    expect(reached).toBe(2000);
  });

  it("a campaign on a hashed share changes only the users it selects", () => {
    const without = byUser(rowsOf(planOf(yamlOf(BASE)), 5));
    const withCampaign = byUser(
      rowsOf(
        planOf(
          yamlOf(
            `${BASE}\n  campaigns: [{name: flash, at: "2025-11-06T15:00:00Z", segment: {share: 0.1}, responseRate: 0.3}]`,
          ),
        ),
        5,
      ),
    );
    let unchanged = 0;
    let touched = 0;
    for (const [user, messages] of withCampaign) {
      const before = without.get(user) ?? [];
      if (JSON.stringify(before) === JSON.stringify(messages)) unchanged++;
      else {
        touched++;
        // a touched user got the campaign template
        expect(messages.length).toBeGreaterThan(before.length);
      }
    }
    expect(touched).toBeGreaterThan(600);
    expect(touched).toBeLessThan(1000);
    expect(unchanged).toBeGreaterThan(2000);
  });
});
