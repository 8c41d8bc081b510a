import {describe, expect, it} from "vitest";
import {createBillingContext, createMessageLogReader} from "../../../engine/index.ts";
import type {LogBatch} from "../../../engine/log/message-log-reader.ts";
import {createBatchSlotLayout, slotViews} from "../../../engine/log-billing/batch-slots.ts";
import {packBatch, unpackBatch} from "../../../engine/log-billing/batch-transfer.ts";
import {MESSAGE_COLUMNS} from "../../../engine/message-batch.ts";
import {readShippedData} from "../../../io/index.ts";

const context = createBillingContext({data: readShippedData()});

/** The batches a reader with `deferUsers` makes of `lines`, each packed as soon as it is full. */
function packedBatches(lines: string[], pack: (batch: LogBatch) => void): void {
  const reader = createMessageLogReader(context.accounts, context.markets, pack, {
    batchSize: 4,
    deferUsers: true,
  });
  for (const line of lines) reader.push(line);
  reader.end();
}

/** Outbound templates, a minute apart from minute `from`, with ids of `idLength` characters. */
function log(count: number, idLength: number, from = 0): string[] {
  return Array.from({length: count}, (_, i) => {
    const k = from + i;
    const id = `m${k}`.padEnd(idLength, "x");
    const time = new Date(Date.UTC(2026, 9, 5, 10, k)).toISOString();
    return `{"id":"${id}","time":"${time}","waba":"default","user":"+55119876543${k % 10}","direction":"outbound","type":"template","category":"utility"}`;
  });
}

/** A batch's rows as plain arrays, to compare across the two ways. */
function rowsOf(batch: ReturnType<typeof unpackBatch>): Record<string, number[]> {
  const rows: Record<string, number[]> = {};
  for (const name of [...MESSAGE_COLUMNS, "lines", "idEnds", "userDigits"] as const) {
    if (name === "user" || name === "pair" || name === "country") continue; // deferred
    rows[name] = [...batch[name]!.subarray(0, batch.length)];
  }
  const idEnd = batch.idEnds![batch.length - 1]!;
  rows.idBytes = [...batch.idBytes!.subarray(0, idEnd)];
  return rows;
}

describe("batch slots", () => {
  it("a batch in a shared slot unpacks to the rows it carries in its message", () => {
    const layout = createBatchSlotLayout(2, 4, 4 * 32);
    const reading = slotViews(layout);
    const billing = slotViews(layout);
    const mark = () => ({users: 0, types: 0, phones: context.accounts.phones.length});
    const [viaSlot, viaMessage] = [mark(), mark()];
    const seen: [ReturnType<typeof unpackBatch>, ReturnType<typeof unpackBatch>][] = [];
    packedBatches(log(10, 8), (batch) => {
      const inSlot = packBatch(batch, context.accounts, viaSlot, {
        number: seen.length % 2,
        views: reading[seen.length % 2]!,
      });
      const inMessage = packBatch(batch, context.accounts, viaMessage);
      expect([inSlot.slot, inSlot.columns, inSlot.idBytes]).toEqual([seen.length % 2, null, null]);
      expect(inMessage.slot).toBe(-1);
      const a = unpackBatch(inSlot, context.accounts, [], [], billing);
      const b = unpackBatch(structuredClone(inMessage), context.accounts, [], []);
      seen.push([a, b]);
      expect(rowsOf(a)).toEqual(rowsOf(b));
      expect(a.length).toBe(b.length);
    });
    expect(seen.map(([a]) => a.length)).toEqual([4, 4, 2]);
  });

  it("a batch whose ids do not fit its slot comes in its message", () => {
    const layout = createBatchSlotLayout(1, 4, 4 * 32);
    const views = slotViews(layout)[0]!;
    const mark = {users: 0, types: 0, phones: context.accounts.phones.length};
    const slots: number[] = [];
    packedBatches(log(4, 32).concat(log(4, 33, 4)), (batch) => {
      slots.push(packBatch(batch, context.accounts, mark, {number: 0, views}).slot);
    });
    // 4 ids of 32 bytes fill the slot's 128; 4 of 33 do not
    expect(slots).toEqual([0, -1]);
  });
});
