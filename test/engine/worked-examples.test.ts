import {describe, expect, it} from "vitest";
import {billText} from "../../engine/index.ts";
import {readShippedData} from "../../io/index.ts";
import {compareWithExpected, readWorkedExamples} from "../support/worked-examples.ts";

const data = readShippedData();
const examples = readWorkedExamples();

describe("worked examples (shared/examples)", () => {
  it("finds the shared worked examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });
  for (const example of examples) {
    it(`billText(${example.id}) reproduces expected.ndjson`, () => {
      const {records} = billText(example.messages, {
        data,
        accounts: example.accounts,
        accountsFile: "accounts.yaml",
        pricing: example.pricing,
      });
      expect(compareWithExpected(records, example.expected)).toEqual([]);
    });
  }
  it("meta-nontemplate-example-pmp-2026-10 with serviceFreePerPhone 0 charges the human reply 0.0068", () => {
    const example = examples.find((e) => e.id === "meta-nontemplate-example-pmp-2026-10")!;
    const {records} = billText(example.messages, {
      data,
      accounts: example.accounts,
      pricing: example.pricing,
      serviceFreePerPhone: 0,
    });
    expect(records.map((r) => [r.messageId, r.type, r.amount])).toEqual([
      ["m1", "regular", "0.0625"],
      ["m5", "regular", "0.0068"],
      ["m6", "regular", "0.0068"],
    ]);
  });
});
