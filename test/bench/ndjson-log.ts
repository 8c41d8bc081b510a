import {createWriteStream} from "node:fs";
import {once} from "node:events";
import {
  CATEGORY_NAMES,
  DIRECTION,
  ENTRY_POINT_NAMES,
  NO_CATEGORY,
  STATUS,
} from "../../models/codes.ts";
import type {CompiledAccounts} from "../../models/accounts/index.ts";
import type {MessageBatch} from "../../engine/index.ts";

/** Writes a trace as a formats.md message log plus its accounts file (JSON). */
export async function writeNdjsonLog(
  batch: MessageBatch,
  accounts: CompiledAccounts,
  logPath: string,
  accountsPath: string,
): Promise<void> {
  const accountsJson = {
    businesses: accounts.businesses.map((b, k) => ({
      id: b.id,
      country: b.country,
      authInternational: Object.fromEntries(
        [...b.authInternational].map(([c, ms]) => [c, new Date(ms).toISOString()]),
      ),
      wabas: [
        {
          id: accounts.wabas[k]!.id,
          timezone: accounts.wabas[k]!.timezone,
          phones: [accounts.phones[k]!.number],
        },
      ],
    })),
  };
  const accountsStream = createWriteStream(accountsPath);
  accountsStream.end(JSON.stringify(accountsJson));
  await once(accountsStream, "finish");
  const out = createWriteStream(logPath);
  let chunk: string[] = [];
  for (let i = 0; i < batch.length; i++) {
    const w = batch.waba[i]!;
    let line = `{"id":"m${i}","time":"${new Date(batch.tMs[i]!).toISOString()}","waba":"${accounts.wabas[w]!.id}","user":"${batch.users[batch.user[i]!]}"`;
    if (batch.direction[i] === DIRECTION.inbound) {
      line += `,"direction":"inbound","type":"text"`;
      if (batch.entryPoint[i] !== 0)
        line += `,"entryPoint":"${ENTRY_POINT_NAMES[batch.entryPoint[i]!]}"`;
    } else {
      line += `,"direction":"outbound"`;
      line +=
        batch.category[i] === NO_CATEGORY
          ? `,"type":"text"`
          : `,"type":"template","category":"${CATEGORY_NAMES[batch.category[i]!]}"`;
      if (batch.status[i] === STATUS.failed) line += `,"status":"failed"`;
    }
    chunk.push(line + "}\n");
    if (chunk.length === 65536) {
      if (!out.write(chunk.join(""))) await once(out, "drain");
      chunk = [];
    }
  }
  out.end(chunk.join(""));
  await once(out, "finish");
}
