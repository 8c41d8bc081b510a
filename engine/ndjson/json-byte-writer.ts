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
 * Copies `piece` into `out` at `pos` (room reserved by the caller); returns the position after it.
 * NOTE (perf): TypedArray#set costs a call (about 25 ns); a byte loop wins only below ~10 bytes.
 * The `writeX(out, pos, ...)` functions keep the position in the caller's local variable: a hot
 * loop that owns `pos` is not slowed by storing it back to a closure after every piece.
 */
export function writePiece(out: Uint8Array, pos: number, piece: Uint8Array): number {
  const n = piece.length;
  if (n > 8) out.set(piece, pos);
  else for (let k = 0; k < n; k++) out[pos + k] = piece[k]!;
  return pos + n;
}

/**
 * Copies bytes [start, end) of `source` into `out` at `pos` (`source` may be `out` itself, the
 * range before `pos`); returns the position after them.
 */
export function writeRange(
  out: Uint8Array,
  pos: number,
  source: Uint8Array,
  start: number,
  end: number,
): number {
  for (let k = start; k < end; k++) out[pos++] = source[k]!;
  return pos;
}

/** A non-negative integer below 2^31, zero-padded to `width` digits; returns the position after. */
export function writeDigits(out: Uint8Array, pos: number, value: number, width: number): number {
  let v = value | 0;
  let k = pos + width;
  // NOTE (perf): two digits at a time from a table, half the divisions
  while (k - pos >= 2) {
    const q = (v / 100) | 0;
    const d = 2 * (v - q * 100);
    out[--k] = TWO_DIGITS[d + 1]!;
    out[--k] = TWO_DIGITS[d]!;
    v = q;
  }
  if (k > pos) out[pos] = 0x30 + v - ((v / 10) | 0) * 10;
  return pos + width;
}

/** A non-negative integer below 2^53 in decimal (at most 16 bytes); returns the position after. */
export function writeInteger(out: Uint8Array, pos: number, value: number): number {
  if (value < 1e8) return writeDigits(out, pos, value, digitCount(value));
  // NOTE (perf): no `%` on a double (a library call); the split is exact below 2^53, and
  // `high` < 2^53 / 1e8 < 1e8 (an E.164 number is 8 low digits and up to 7 high ones)
  const high = Math.floor(value / 1e8);
  pos = writeDigits(out, pos, high, digitCount(high));
  return writeDigits(out, pos, value - high * 1e8, 8);
}

/** The decimal digits of an integer in [0, 1e8). */
function digitCount(value: number): number {
  if (value < 1e4) return value < 100 ? (value < 10 ? 1 : 2) : value < 1000 ? 3 : 4;
  return value < 1e6 ? (value < 1e5 ? 5 : 6) : value < 1e7 ? 7 : 8;
}

/**
 * A JSON string with its quotes, as JSON.stringify writes it (room for `6 * length + 2` bytes
 * reserved by the caller); returns the position after it.
 */
export function writeString(out: Uint8Array, pos: number, text: string): number {
  const start = pos;
  out[pos++] = QUOTE;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    // anything but plain printable ASCII is escaped as JSON.stringify does
    if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH)
      return writePiece(out, start, encoder.encode(JSON.stringify(text)));
    out[pos++] = c;
  }
  out[pos++] = QUOTE;
  return pos;
}

/** The UTC day (since the epoch) of an instant. */
export function dayOf(tMs: number): number {
  return Math.floor(tMs / DAY_MS);
}

/** `YYYY-MM-DDT`, the ISO text of a UTC day up to its time. */
export function dayPrefixText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 11);
}

/**
 * `hh:mm:ss[.sss]Z`, the time of day of an instant in `day` (its `dayOf`), `.sss` only when the
 * ms are not zero (at most 13 bytes); returns the position after it.
 */
export function writeTimeOfDay(out: Uint8Array, pos: number, tMs: number, day: number): number {
  // integer arithmetic on the ms of the day (< 2^27)
  const inDay = (tMs - day * DAY_MS) | 0;
  const seconds = (inDay / 1000) | 0;
  const ms = inDay - seconds * 1000;
  const minutes = (seconds / 60) | 0;
  const hours = (minutes / 60) | 0;
  // NOTE (perf): two digits at a time from a table, not a division per digit
  const hh = 2 * hours;
  const mm = 2 * (minutes - hours * 60);
  const ss = 2 * (seconds - minutes * 60);
  out[pos] = TWO_DIGITS[hh]!;
  out[pos + 1] = TWO_DIGITS[hh + 1]!;
  out[pos + 2] = 0x3a;
  out[pos + 3] = TWO_DIGITS[mm]!;
  out[pos + 4] = TWO_DIGITS[mm + 1]!;
  out[pos + 5] = 0x3a;
  out[pos + 6] = TWO_DIGITS[ss]!;
  out[pos + 7] = TWO_DIGITS[ss + 1]!;
  pos += 8;
  if (ms !== 0) {
    out[pos++] = 0x2e;
    pos = writeDigits(out, pos, ms, 3);
  }
  out[pos++] = 0x5a;
  return pos;
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

  function putTime(tMs: number): void {
    const day = dayOf(tMs);
    if (day !== cachedDay) {
      cachedDay = day;
      dayPrefix = encoder.encode(dayPrefixText(day));
    }
    pos = writeTimeOfDay(out, writePiece(out, pos, dayPrefix), tMs, day);
  }
  return {
    ensure(extra) {
      out = grown(out, pos, extra);
    },
    put(piece) {
      pos = writePiece(out, pos, piece);
    },
    putRange(source, start, end) {
      pos = writeRange(out, pos, source, start, end);
    },
    putByte(byte) {
      out[pos++] = byte;
    },
    putDigits(value, width) {
      pos = writeDigits(out, pos, value, width);
    },
    putInteger(value) {
      pos = writeInteger(out, pos, value);
    },
    putString(text) {
      out = grown(out, pos, text.length * 6 + 2);
      pos = writeString(out, pos, text);
    },
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

/**
 * `out` if it has room for `extra` bytes after `pos`, else a buffer twice as large (or more)
 * holding its first `pos` bytes.
 */
export function grown(
  out: Uint8Array<ArrayBuffer>,
  pos: number,
  extra: number,
): Uint8Array<ArrayBuffer> {
  if (pos + extra <= out.length) return out;
  let size = out.length * 2;
  while (size < pos + extra) size *= 2;
  const next = new Uint8Array(size);
  next.set(out.subarray(0, pos));
  return next;
}
