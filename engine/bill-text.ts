import {chargeRecordAt} from "./charges/charge-record.ts";
import type {ChargeRecord} from "./charges/charge-record.ts";
import {createBillingRun} from "./billing-run.ts";
import type {BillingRunOptions} from "./billing-run.ts";
import type {BillingWarning} from "./billing-kernel.ts";

/**
 * Bills a whole NDJSON message log held in memory and returns its charge records as plain
 * objects: the convenience door for tests, the server and notebooks. Lines go through the same
 * byte fast path as `walab bill`.
 * @throws InputError for bad input, naming file, line and field.
 * @example billText('{"time":"2026-04-06T00:00:00Z","user":"+5511976543210","direction":"outbound","type":"template","category":"marketing"}', {data}).records[0].amount // => "0.0625"
 */
export function billText(
  messages: string,
  options: BillingRunOptions,
): {records: ChargeRecord[]; warnings: BillingWarning[]} {
  const records: ChargeRecord[] = [];
  const run = createBillingRun(options, (batch, charges) => {
    for (let j = 0; j < charges.length; j++)
      records.push(chargeRecordAt(run.context, batch, charges, j));
  });
  const bytes = new TextEncoder().encode(messages);
  let start = 0;
  for (let end = bytes.indexOf(10); end >= 0; end = bytes.indexOf(10, start)) {
    run.reader.pushBytes(bytes, start, end);
    start = end + 1;
  }
  if (start < bytes.length) run.reader.pushBytes(bytes, start, bytes.length);
  run.reader.end();
  return {records, warnings: run.kernel.warnings()};
}
