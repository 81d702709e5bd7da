/**
 * How central's remote overrides combine with a station's local config file: one function, so the
 * station (which applies them) and central (which checks a change before storing it) cannot
 * disagree about the result.
 *
 * Rules (docs/adr/0010-fleet-remote-config.md): layers apply in the order given, later wins.
 * Plain objects merge key by key; anything else (a string, a number, an array such as `services`)
 * replaces the value below it whole, so a list is never half one layer and half another. A key
 * whose override is `undefined` keeps the value below it.
 */

/** A JSON object as it comes from a file or from central. */
export type JsonObject = { [key: string]: unknown };

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `layers` over `base` (see the rules above); returns a new object, never mutates its inputs. */
export function mergeOverrides(base: JsonObject, ...layers: readonly JsonObject[]): JsonObject {
  let result: JsonObject = { ...base };
  for (const layer of layers) result = mergeTwo(result, layer);
  return result;
}

function mergeTwo(below: JsonObject, above: JsonObject): JsonObject {
  const out: JsonObject = { ...below };
  for (const [key, value] of Object.entries(above)) {
    if (value === undefined) continue;
    const under = out[key];
    out[key] = isPlainObject(value) && isPlainObject(under) ? mergeTwo(under, value) : structuredClone(value);
  }
  return out;
}
