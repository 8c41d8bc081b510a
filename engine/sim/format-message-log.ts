import type {CompiledAccounts} from "../../models/accounts/compiled-accounts.ts";
import {
  DEVICE_NAMES,
  DIRECTION,
  ENTRY_POINT_NAMES,
  NO_CATEGORY,
  STATUS_NAMES,
  TEMPLATE_CATEGORY_NAMES,
} from "../../models/codes.ts";
import type {MessageBatch} from "../message-batch.ts";

const DAY_MS = 86_400_000;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

/**
 * Creates an encoder of message-log lines (formats.md §2) straight into UTF-8 bytes: one JSON
 * object per row with `id`, `time` (UTC, `.sss` only when the ms are not zero), `waba`, `phone`
 * (omitted for a WABA's implicit phone), `user`, `direction`, `type`, `category` for templates,
 * `entryPoint` and `device` for inbound, `status` for outbound. Constant pieces are encoded once;
 * rows are written byte by byte, with no string or object per row.
 * NOTE (perf): writes into one growing buffer and returns a view of it, valid until the next
 * call; about 20x faster than building JSON strings.
 * @example new TextDecoder().decode(createMessageLogEncoder(accounts)(batch)) // => '{"id":"m1","time":"2025-11-03T12:00:00Z",...}\n...'
 */
export function createMessageLogEncoder(
  accounts: CompiledAccounts,
): (batch: MessageBatch) => Uint8Array {
  const idOpen = bytes('{"id":');
  const timeOpen = bytes(',"time":"');
  const wabaJson = accounts.wabas.map((w) => bytes(`","waba":${JSON.stringify(w.id)}`));
  const phoneJson = accounts.phones.map((p) =>
    bytes(p.number === null ? "" : `,"phone":${JSON.stringify(p.number)}`),
  );
  const userOpen = bytes(',"user":');
  const inbound = bytes(',"direction":"inbound"');
  const outbound = bytes(',"direction":"outbound"');
  const categoryJson = TEMPLATE_CATEGORY_NAMES.map((c) => bytes(`,"category":"${c}"`));
  const entryJson = ENTRY_POINT_NAMES.map((e) => bytes(`,"entryPoint":"${e}"`));
  const deviceJson = DEVICE_NAMES.map((d) => bytes(`,"device":"${d}"}\n`));
  const statusJson = STATUS_NAMES.map((s) => bytes(`,"status":"${s}"}\n`));
  let typeJson: Uint8Array[] = [];
  let typesSeen = 0;
  let out = new Uint8Array(1 << 20);
  let pos = 0;
  let cachedDay = NaN;
  let dayPrefix = new Uint8Array(0);

  function ensure(extra: number): void {
    if (pos + extra <= out.length) return;
    let size = out.length * 2;
    while (size < pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(out.subarray(0, pos));
    out = next;
  }
  function put(piece: Uint8Array): void {
    // NOTE (perf): a byte loop beats TypedArray#set for pieces of a few dozen bytes
    const n = piece.length;
    const o = out;
    for (let k = 0; k < n; k++) o[pos + k] = piece[k]!;
    pos += n;
  }
  /** Writes a small non-negative integer (< 2^31) zero-padded to `width` digits. */
  function putDigits(value: number, width: number): void {
    let v = value | 0;
    for (let k = width - 1; k >= 0; k--) {
      const q = (v / 10) | 0;
      out[pos + k] = 0x30 + v - q * 10;
      v = q;
    }
    pos += width;
  }
  function putInteger(value: number): void {
    if (value >= 1e9) {
      putInteger(Math.floor(value / 1e9));
      putDigits(value % 1e9, 9);
      return;
    }
    let width = 1;
    for (let v = value | 0; v >= 10; v = (v / 10) | 0) width++;
    putDigits(value, width);
  }
  /** A JSON string: plain printable ASCII is copied, anything else goes through JSON.stringify. */
  function putString(text: string): void {
    ensure(text.length * 6 + 2);
    const start = pos;
    out[pos++] = QUOTE;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
        pos = start;
        put(bytes(JSON.stringify(text)));
        return;
      }
      out[pos++] = c;
    }
    out[pos++] = QUOTE;
  }
  function putTime(tMs: number): void {
    const day = Math.floor(tMs / DAY_MS);
    if (day !== cachedDay) {
      cachedDay = day;
      dayPrefix = bytes(new Date(day * DAY_MS).toISOString().slice(0, 11));
    }
    put(dayPrefix);
    // integer arithmetic on the ms of the day (< 2^27)
    let rest = (tMs - day * DAY_MS) | 0;
    const seconds = (rest / 1000) | 0;
    const ms = rest - seconds * 1000;
    rest = seconds;
    const minutes = (rest / 60) | 0;
    const s = rest - minutes * 60;
    const hours = (minutes / 60) | 0;
    const m = minutes - hours * 60;
    putDigits(hours, 2);
    out[pos++] = 0x3a;
    putDigits(m, 2);
    out[pos++] = 0x3a;
    putDigits(s, 2);
    if (ms !== 0) {
      out[pos++] = 0x2e;
      putDigits(ms, 3);
    }
    out[pos++] = 0x5a;
  }

  return function encodeLines(batch) {
    if (batch.types.length !== typesSeen) {
      typeJson = batch.types.map((t) => bytes(`,"type":${JSON.stringify(t)}`));
      typesSeen = batch.types.length;
    }
    const users = batch.users;
    const idBytes = batch.idBytes;
    const idEnds = batch.idEnds;
    const idPrefix = batch.idPrefix;
    pos = 0;
    // hot path: i < batch.length <= column lengths; every piece is bounded by `ensure`
    for (let i = 0; i < batch.length; i++) {
      ensure(512);
      put(idOpen);
      if (idBytes !== null && idEnds !== null) {
        // already JSON string contents
        const idStart = i === 0 ? 0 : idEnds[i - 1]!;
        ensure(idEnds[i]! - idStart + 2);
        out[pos++] = QUOTE;
        put(idBytes.subarray(idStart, idEnds[i]!));
        out[pos++] = QUOTE;
      } else {
        putString(idPrefix);
        pos--; // reopen the string to append the number
        putInteger(batch.idStart + i);
        out[pos++] = QUOTE;
      }
      put(timeOpen);
      putTime(batch.tMs[i]!);
      put(wabaJson[batch.waba[i]!]!);
      put(phoneJson[batch.phone[i]!]!);
      put(userOpen);
      putString(users[batch.user[i]!]!);
      ensure(256);
      const isInbound = batch.direction[i] === DIRECTION.inbound;
      put(isInbound ? inbound : outbound);
      put(typeJson[batch.type[i]!]!);
      const category = batch.category[i]!;
      if (category !== NO_CATEGORY) put(categoryJson[category]!);
      if (isInbound) {
        put(entryJson[batch.entryPoint[i]!]!);
        put(deviceJson[batch.device[i]!]!);
      } else {
        put(statusJson[batch.status[i]!]!);
      }
    }
    return out.subarray(0, pos);
  };
}
