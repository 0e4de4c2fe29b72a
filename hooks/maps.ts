// Small helpers for the string maps (labels, annotations, selectors) every builder writes.

export type StringMap = Record<string, string>;

/** Sets `key` as an own property, as Object.fromEntries does (an assignment to `__proto__` would set the prototype). */
export function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** Keys in sorted order, as Go's JSON encoder writes maps, so output bytes do not depend on input order. */
export function sorted<T>(map: Record<string, T>): Record<string, T> {
  const keys = Object.keys(map);
  // Most maps arrive in order (built from sorted ones): a spread copy keeps that order and is much cheaper.
  if (keys.every((key, i) => i === 0 || keys[i - 1]! < key)) return { ...map };
  // The default sort compares UTF-16 code units, as `<` does on strings; without a comparator it is several times faster.
  const out: Record<string, T> = {};
  for (const key of keys.sort()) put(out, key, map[key]);
  return out;
}

/** `undefined` for an empty map, so the field is left out rather than written as `{}`. */
export function nonEmpty<T>(map: Record<string, T> | undefined): Record<string, T> | undefined {
  return map && Object.keys(map).length > 0 ? sorted(map) : undefined;
}

/** `undefined` for an empty list. */
export function nonEmptyList<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/** Drops keys whose value is `undefined`, so optional fields never reach JSON as nulls. */
export function compact<T extends object>(object: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) put(out, key, value);
  return out as T;
}
