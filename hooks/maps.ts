// Small helpers for the string maps (labels, annotations, selectors) every builder writes.

export type StringMap = Record<string, string>;

/** Keys in sorted order, as Go's JSON encoder writes maps, so output bytes do not depend on input order. */
export function sorted<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
