/**
 * Charge records as columns (formats.md §3), one row per conversation (CBP) or message (PMP).
 * `row` points back at the message of the batch that opened the conversation or is the message.
 */
export interface ChargeColumns {
  length: number;
  row: Uint32Array;
  tMs: Float64Array;
  /** Scheduled end of a conversation (CBP); NaN for messages. */
  expiresMs: Float64Array;
  /** Conversation number (1, 2, ... in order of opening) for CBP; 0 for messages. */
  conversation: Float64Array;
  model: Uint8Array;
  /** Index of the rates edition in force. */
  rateCard: Uint8Array;
  market: Uint16Array;
  category: Uint8Array;
  type: Uint8Array;
  billable: Uint8Array;
  amountMicros: Int32Array;
  tier: Uint8Array;
}

/** Creates charge columns with room for `capacity` records. */
export function createChargeColumns(capacity: number): ChargeColumns {
  return {
    length: 0,
    row: new Uint32Array(capacity),
    tMs: new Float64Array(capacity),
    expiresMs: new Float64Array(capacity),
    conversation: new Float64Array(capacity),
    model: new Uint8Array(capacity),
    rateCard: new Uint8Array(capacity),
    market: new Uint16Array(capacity),
    category: new Uint8Array(capacity),
    type: new Uint8Array(capacity),
    billable: new Uint8Array(capacity),
    amountMicros: new Int32Array(capacity),
    tier: new Uint8Array(capacity),
  };
}
