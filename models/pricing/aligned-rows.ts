// From this many cells on, rows go on page-aligned memory; smaller ones (tests make thousands)
// stay plain arrays.
const ALIGN_FROM_CELLS = 1 << 16;
const WASM_PAGE_BYTES = 65_536;

/**
 * A Float64Array of `length` cells, all `fill`, whose first cell starts a cache line when it is
 * large: the pair and conversation rows (32 and 64 bytes) then never straddle two lines.
 * NOTE (perf): a plain ArrayBuffer is only 16-byte aligned (malloc); when its base is 16 past a
 * line, half of the 32-byte pair rows span two lines and a 1 M-user kernel ran at ~9 instead of
 * ~12 M msg/s, depending on where the allocator put it (the "bimodal" runs of earlier sessions).
 * A WebAssembly.Memory's buffer is page-aligned in every engine; without WebAssembly, or if it
 * cannot be had, the plain array serves (same values, only slower).
 * @example createRows(4_000_000, -Infinity) // => Float64Array(4000000) [-Infinity, ...]
 */
export function createRows(length: number, fill: number): Float64Array {
  let rows: Float64Array | undefined;
  if (length >= ALIGN_FROM_CELLS && typeof WebAssembly === "object") {
    try {
      const pages = Math.ceil((length * Float64Array.BYTES_PER_ELEMENT) / WASM_PAGE_BYTES);
      rows = new Float64Array(new WebAssembly.Memory({initial: pages}).buffer, 0, length);
    } catch {
      // no room for another memory (address space): a plain array
    }
  }
  return (rows ?? new Float64Array(length)).fill(fill);
}
