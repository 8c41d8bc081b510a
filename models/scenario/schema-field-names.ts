import type {z} from "zod";

/**
 * Every object field name a zod schema accepts, at any depth (through optionals, defaults,
 * pipes, unions, arrays and records), sorted: the vocabulary for "did you mean" hints.
 * O(schema size); each schema is visited once.
 * @example schemaFieldNames(z.object({a: z.object({b: z.number()})})) // => ["a", "b"]
 */
export function schemaFieldNames(...schemas: readonly z.ZodType[]): string[] {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (schema: unknown) => {
    if (schema === undefined || schema === null || seen.has(schema)) return;
    seen.add(schema);
    const def = (schema as {_zod?: {def?: Record<string, unknown>}})._zod?.def;
    if (def === undefined) return;
    const shape = def.shape as Record<string, unknown> | undefined;
    if (def.type === "object" && shape !== undefined) {
      for (const [key, value] of Object.entries(shape)) {
        names.add(key);
        visit(value);
      }
    }
    for (const key of ["innerType", "in", "out", "element", "valueType", "schema"]) visit(def[key]);
    if (Array.isArray(def.options)) for (const option of def.options) visit(option);
  };
  for (const schema of schemas) visit(schema);
  return [...names].sort();
}
