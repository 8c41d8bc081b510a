const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DAY_MS = 86_400_000;
const encoder = new TextEncoder();
/** The two ASCII digits of 0 to 99, side by side. */
const TWO_DIGITS = new Uint8Array(200);
for (let v = 0; v < 100; v++) {
  TWO_DIGITS[2 * v] = 0x30 + Math.floor(v / 10);
  TWO_DIGITS[2 * v + 1] = 0x30 + (v % 10);
}

/** UTF-8 bytes of a constant piece of JSON, encoded once. */
export function jsonPiece(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Writes JSON text straight into one growing byte buffer: constant pieces are copied, numbers and
 * times are written digit by digit, so no string is built per value.
 * NOTE (perf): callers reserve room with `ensure` once per line instead of a check per byte.
 */
export interface JsonByteWriter {
  /** Makes room for `extra` more bytes. */
  ensure(extra: number): void;
  /** Copies a piece (reserved by `ensure`). */
  put(piece: Uint8Array): void;
  /** Copies bytes [start, end) of `source` (reserved by `ensure`). */
  putRange(source: Uint8Array, start: number, end: number): void;
  /** One byte (reserved by `ensure`). */
  putByte(byte: number): void;
  /** A non-negative integer below 2^31, zero-padded to `width` digits (reserved). */
  putDigits(value: number, width: number): void;
  /** A non-negative integer below 2^53 in decimal (reserved, at most 16 bytes). */
  putInteger(value: number): void;
  /** A JSON string with its quotes; reserves its own room. */
  putString(text: string): void;
  /** An instant as ISO UTC text, `.sss` only when the ms are not zero (reserved, 24 bytes). */
  putTime(tMs: number): void;
  /**
   * The bytes written since the last `reset`, valid until the next write, or with `buffers` > 1
   * until the `buffers`-th `reset` after it.
   */
  view(): Uint8Array;
  /** Starts writing again from the beginning of the next buffer (of `buffers`, in turn). */
  reset(): void;
}

/**
 * Creates a writer with initial buffers of `capacity` bytes; `buffers` of them take turns, so the
 * bytes written before a `reset` can still be read (written out elsewhere) while the next are.
 * NOTE (perf): one writer with several buffers, not several writers: the encoder's calls into it
 * then always reach the same functions, which the compiler inlines.
 */
export function createJsonByteWriter(capacity = 1 << 20, buffers = 1): JsonByteWriter {
  let out = new Uint8Array(capacity);
  const outs: (typeof out)[] = [out];
  let turn = 0;
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
    const n = piece.length;
    // NOTE (perf): TypedArray#set costs a call (about 25 ns); a byte loop wins only below ~16 bytes
    if (n > 16) out.set(piece, pos);
    else {
      const o = out;
      for (let k = 0; k < n; k++) o[pos + k] = piece[k]!;
    }
    pos += n;
  }
  function putRange(source: Uint8Array, start: number, end: number): void {
    const o = out;
    for (let k = start; k < end; k++) o[pos++] = source[k]!;
  }
  function putByte(byte: number): void {
    out[pos++] = byte;
  }
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
      // NOTE (perf): no `%` on a double (a library call); the split is exact below 2^53
      const high = Math.floor(value / 1e9);
      putInteger(high);
      putDigits(value - high * 1e9, 9);
      return;
    }
    let width = 1;
    for (let v = value | 0; v >= 10; v = (v / 10) | 0) width++;
    putDigits(value, width);
  }
  function putString(text: string): void {
    ensure(text.length * 6 + 2);
    const start = pos;
    out[pos++] = QUOTE;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
        // anything but plain printable ASCII is escaped as JSON.stringify does
        pos = start;
        put(encoder.encode(JSON.stringify(text)));
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
      dayPrefix = encoder.encode(new Date(day * DAY_MS).toISOString().slice(0, 11));
    }
    put(dayPrefix);
    // integer arithmetic on the ms of the day (< 2^27)
    const inDay = (tMs - day * DAY_MS) | 0;
    const seconds = (inDay / 1000) | 0;
    const ms = inDay - seconds * 1000;
    const minutes = (seconds / 60) | 0;
    const hours = (minutes / 60) | 0;
    // NOTE (perf): two digits at a time from a table, not a division per digit
    const o = out;
    const hh = 2 * hours;
    const mm = 2 * (minutes - hours * 60);
    const ss = 2 * (seconds - minutes * 60);
    o[pos] = TWO_DIGITS[hh]!;
    o[pos + 1] = TWO_DIGITS[hh + 1]!;
    o[pos + 2] = 0x3a;
    o[pos + 3] = TWO_DIGITS[mm]!;
    o[pos + 4] = TWO_DIGITS[mm + 1]!;
    o[pos + 5] = 0x3a;
    o[pos + 6] = TWO_DIGITS[ss]!;
    o[pos + 7] = TWO_DIGITS[ss + 1]!;
    pos += 8;
    if (ms !== 0) {
      o[pos++] = 0x2e;
      putDigits(ms, 3);
    }
    o[pos++] = 0x5a;
  }
  return {
    ensure,
    put,
    putRange,
    putByte,
    putDigits,
    putInteger,
    putString,
    putTime,
    view: () => out.subarray(0, pos),
    reset: () => {
      outs[turn] = out; // as `ensure` may have grown it
      turn = (turn + 1) % buffers;
      out = outs[turn] ??= new Uint8Array(capacity);
      pos = 0;
    },
  };
}
