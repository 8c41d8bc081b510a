import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {formatIsoInstant} from "../../../engine/index.ts";
import {createJsonByteWriter} from "../../../engine/ndjson/json-byte-writer.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("createJsonByteWriter", () => {
  it("writes integers, strings and times as String, JSON.stringify and formatIsoInstant do", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(), fc.integer({min: 0, max: Number.MAX_SAFE_INTEGER})),
        fc.string(),
        fc.integer({min: Date.UTC(2020, 0, 1), max: Date.UTC(2039, 11, 31)}),
        (n, s, tMs) => {
          const writer = createJsonByteWriter(8);
          writer.ensure(64);
          writer.putInteger(n);
          writer.putByte(0x20);
          writer.putString(s);
          writer.ensure(64);
          writer.putByte(0x20);
          writer.putTime(tMs);
          expect(text(writer.view())).toBe(`${n} ${JSON.stringify(s)} ${formatIsoInstant(tMs)}`);
          writer.reset();
          expect(writer.view().length).toBe(0);
        },
      ),
    );
  });
});
