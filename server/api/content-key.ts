/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so equal values
 * give equal text whatever the key order.
 * @throws TypeError for a non-finite number (JSON has none).
 * @example canonicalJson({b: 1, a: [2, {d: 3, c: undefined}]}) // => '{"a":[2,{"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string")
    return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new TypeError(`not JSON: ${typeof value}`);
}

/**
 * The lowercase hex SHA-256 of a text's UTF-8 bytes, by Web Crypto (Node, Deno and workers alike).
 * @example await sha256Hex("abc") // => "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * The cache key of a value: the SHA-256 of its canonical JSON.
 * @example await contentKey({scenario: "x", overrides: {}}) // => 64 hex digits
 */
export async function contentKey(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}
