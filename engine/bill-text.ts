import {chargeRecordAt} from "./charges/charge-record.ts";
import type {ChargeRecord} from "./charges/charge-record.ts";
import {createBillingRun} from "./billing-run.ts";
import type {BillingRunOptions} from "./billing-run.ts";
import type {BillingWarning} from "./billing-kernel.ts";

/**
 * Bills a whole NDJSON message log held in memory and returns its charge records as plain
 * objects: the convenience door for tests, the server and notebooks.
 * @throws InputError for bad input, naming file, line and field.
 * @example billText('{"time":"2026-04-06T00:00:00Z","user":"+5511976543210","direction":"outbound","type":"template","category":"marketing"}', {data}).records[0].amount // => "0.0625"
 */
export function billText(messages: string, options: BillingRunOptions): {records: ChargeRecord[]; warnings: BillingWarning[]} {
  const records: ChargeRecord[] = [];
  const run = createBillingRun(options, (batch, charges) => {
    for (let j = 0; j < charges.length; j++) records.push(chargeRecordAt(run.context, batch, charges, j));
  });
  for (const line of messages.split("\n")) run.reader.push(line);
  run.reader.end();
  return {records, warnings: run.kernel.warnings()};
}
