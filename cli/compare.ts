// What we declare against what is live, the way the API server and Metacontroller's apply see it: a
// field we do not declare is not ours to compare (server defaults, fields others own), so only the
// declared side is walked. Lists are compared item by item (a different length is a difference of
// the whole list); quantities compare by value (`1000m` is `1`).
import { compareQuantities } from '../hooks/quantity.js';

export interface Difference {
  /** `spec.template.spec.containers[postgres].env[PGVERSION].value`: items with a name are named. */
  path: string;
  declared: unknown;
  /** `undefined` when the live object has no such field. */
  live: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const QUANTITY_PATH = /(^|\.)(requests|limits|capacity)\.[^.]+$|(^|\.)storage$/;

function sameQuantity(path: string, declared: unknown, live: unknown): boolean {
  if (typeof declared !== 'string' || typeof live !== 'string' || !QUANTITY_PATH.test(path)) return false;
  try {
    return compareQuantities(declared, live) === 0;
  } catch {
    return false;
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function itemLabel(declared: unknown, live: unknown, index: number): string {
  const name = isObject(declared) ? declared.name : undefined;
  return typeof name === 'string' && isObject(live) && live.name === name ? name : String(index);
}

export function declaredDifferences(declared: unknown, live: unknown, path = ''): Difference[] {
  if (isObject(declared)) {
    if (!isObject(live)) return [{ path, declared, live }];
    return Object.entries(declared).flatMap(([key, value]) => (value === undefined ? [] : declaredDifferences(value, live[key], join(path, key))));
  }
  if (Array.isArray(declared)) {
    if (!Array.isArray(live) || live.length !== declared.length) return [{ path, declared, live }];
    return declared.flatMap((item, i) => declaredDifferences(item, live[i], `${path}[${itemLabel(item, live[i], i)}]`));
  }
  if (declared === live || sameQuantity(path, declared, live)) return [];
  return [{ path, declared, live }];
}
