/** One path segment a confined reader accepts: no dot first (no `.`, `..`, hidden files), no separators, no escapes. */
const SEGMENT = /^[A-Za-z0-9@_][A-Za-z0-9@._+-]*$/;

/**
 * Checks a project-relative path before any file access: plain segments only (no `..`, no
 * absolute path, no backslash, no percent escape, no NUL), under one of `dirs`. The runtime
 * adapters then resolve symlinks and check that the real path is still inside that folder.
 * Returns the folder and the segments, or undefined.
 * @example confinedPath("scenarios/x.yaml", ["scenarios/"]) // => {dir: "scenarios/", segments: ["scenarios", "x.yaml"]}
 * @example confinedPath("scenarios/../package.json", ["scenarios/"]) // => undefined
 */
export function confinedPath(
  path: unknown,
  dirs: readonly string[],
): {dir: string; segments: string[]} | undefined {
  if (typeof path !== "string" || path.length === 0 || path.length > 512) return undefined;
  const segments = path.split("/");
  if (!segments.every((s) => SEGMENT.test(s))) return undefined;
  const dir = dirs.find((d) => path.startsWith(d));
  return dir === undefined ? undefined : {dir, segments};
}
