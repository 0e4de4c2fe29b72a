// What Patroni does with a PATCH /config body (patch_config): a recursive merge where null removes a key
// and a new key is stored as sent. Tests use it to apply a planned patch to a recorded configuration.
import type { JsonObject, JsonValue } from '../operations/patroni.js';

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyPatch(config: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = structuredClone(config);
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(current)) out[key] = applyPatch(current, value);
    else out[key] = value;
  }
  return out;
}
