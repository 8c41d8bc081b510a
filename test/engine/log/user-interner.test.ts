import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {compileBillingData, createMessageLogReader} from "../../../engine/index.ts";
import type {LogBatch} from "../../../engine/log/message-log-reader.ts";
import {createUserInterner} from "../../../engine/log/user-interner.ts";
import {compileAccounts, parseAccounts} from "../../../models/accounts/index.ts";
import {readShippedData} from "../../../io/index.ts";

const {markets} = compileBillingData(readShippedData());
const ACCOUNTS = `businesses:
  - id: loja
    wabas:
      - {id: loja-br, timezone: America/Sao_Paulo, phones: ["+551130004000", "+551130004001"]}
      - {id: open, timezone: UTC}
`;

/** The users, and user, pair and country of every row, read in one go or numbered afterwards. */
function columns(lines: string[], defer: boolean, batchSize: number): [string[], number[][]] {
  const accounts = compileAccounts(parseAccounts(ACCOUNTS, "accounts.yaml"));
  const interner = createUserInterner(markets);
  const rows: number[][] = [];
  const onBatch = (b: LogBatch) => {
    if (defer) interner.fillBatch(b, b.userDigits!);
    for (let i = 0; i < b.length; i++) rows.push([b.user[i]!, b.pair[i]!, b.country[i]!]);
  };
  const reader = createMessageLogReader(accounts, markets, onBatch, {
    deferUsers: defer,
    batchSize,
  });
  const bytes = new TextEncoder().encode(lines.join("\n"));
  let start = 0;
  for (const line of lines) {
    reader.pushBytes(bytes, start, start + line.length);
    start += line.length + 1;
  }
  reader.end();
  if (defer) expect(reader.users).toEqual([]);
  return [defer ? interner.users : reader.users, rows];
}

const lineArbitrary = fc
  .record({
    user: fc.constantFrom("+5511987654321", "+919876543210", "+12125550100", "+447700900123"),
    waba: fc.constantFrom("loja-br", "open"),
    phone: fc.constantFrom("+551130004000", "+551130004001", "+4930123456"),
    slow: fc.boolean(),
  })
  .map(({user, waba, phone, slow}) => {
    const fields =
      `"time":"2024-03-04T10:00:00Z","waba":"${waba}",` +
      (waba === "loja-br"
        ? `"phone":"${phone === "+4930123456" ? "+551130004000" : phone}",`
        : `"phone":"${phone}",`) +
      `"user":"${user}","direction":"inbound","type":"text"`;
    // a space sends the line to JSON.parse: both paths must number users alike
    return slow ? `{ ${fields}}` : `{${fields}}`;
  });

describe("createUserInterner", () => {
  it("fillBatch numbers users and pairs and finds countries as the reader does line by line", () => {
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, {maxLength: 120}), // over 32 rows: fillBatch reads ahead
        fc.constantFrom(3, 1000),
        (lines, size) => {
          expect(columns(lines, true, size)).toEqual(columns(lines, false, size));
        },
      ),
    );
  });
});
