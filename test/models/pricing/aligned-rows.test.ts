import {describe, expect, it} from "vitest";
import {createRows} from "../../../models/pricing/index.ts";

describe("createRows", () => {
  it("createRows(n, fill) has n cells, every one fill, for small and large n", () => {
    for (const n of [0, 4, 4096, 65_536, 1_000_003]) {
      const rows = createRows(n, -Infinity);
      expect(rows.length).toBe(n);
      expect(rows.every((x) => x === -Infinity)).toBe(true);
    }
  });

  it("createRows(large) starts its cells at the start of whole pages (a WebAssembly memory)", () => {
    const rows = createRows(1 << 20, 0);
    expect(rows.byteOffset).toBe(0);
    expect(rows.buffer.byteLength % 65_536).toBe(0);
    expect(rows.buffer.byteLength).toBeGreaterThanOrEqual(rows.byteLength);
  });
});
