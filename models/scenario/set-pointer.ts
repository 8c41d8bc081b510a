/**
 * Splits a JSON pointer (`/traffic/populations/0/share`, `~1` = `/`, `~0` = `~`) into segments.
 * @example pointerSegments("/a/b~1c") // => ["a", "b/c"]
 */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * A deep copy of plain data `doc` with the value at `segments` replaced; missing objects on the
 * way are created, array elements must exist.
 * @throws RangeError naming the first segment that cannot be followed.
 * @example setPointer({a: {b: 1}}, ["a", "b"], 2) // => {a: {b: 2}}
 */
export function setPointer(doc: unknown, segments: readonly string[], value: unknown): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(doc)) {
    const index = /^\d+$/.test(head) ? Number(head) : -1;
    if (index < 0 || index >= doc.length)
      throw new RangeError(`no element ${head} in a list of ${doc.length}`);
    return doc.map((item, k) =>
      k === index ? setPointer(item, rest, value) : structuredClone(item),
    );
  }
  if (doc !== undefined && (typeof doc !== "object" || doc === null)) {
    throw new RangeError(`cannot set ${head} inside a ${doc === null ? "null" : typeof doc}`);
  }
  const copy: Record<string, unknown> =
    doc === undefined ? {} : structuredClone(doc as Record<string, unknown>);
  copy[head] = setPointer(copy[head], rest, value);
  return copy;
}
