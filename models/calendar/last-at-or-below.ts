/**
 * Index of the last element <= `value` in an ascending array, -1 if none: the start of the
 * half-open interval `[starts[k], starts[k + 1])` that holds `value` (d3's bisector). O(log n).
 * @example lastAtOrBelow([0, 10, 20], 15) // => 1
 * @example lastAtOrBelow([0, 10, 20], -1) // => -1
 */
export function lastAtOrBelow(starts: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
