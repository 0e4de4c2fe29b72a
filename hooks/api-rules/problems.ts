// What the object rules collect, and safe readers for the loosely typed objects they inspect: a
// child may carry any JSON, and a rule must report a bad shape, never throw on it.
import { int32 } from './identifiers.js';

export interface ObjectProblem {
  /** Field path inside the object, as the API server writes it: `spec.template.spec.containers[1].name`. */
  path: string;
  message: string;
}

export class Problems {
  readonly list: ObjectProblem[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** One problem per reason a primitive rule gives (none when it gives none). */
  check(path: string, reasons: readonly string[]): void {
    for (const reason of reasons) this.list.push({ path, message: reason });
  }

  // Nearly every field passes its rule: these two spell out the path only when there is a reason.

  /** `check` at `${parent}.${field}`. */
  checkField(parent: string, field: string, reasons: readonly string[]): void {
    if (reasons.length > 0) this.check(`${parent}.${field}`, reasons);
  }

  /** `check` at `${parent}[${key}]`: a key of a map (labels, data) or an index of a list. */
  checkEntry(parent: string, key: string | number, reasons: readonly string[]): void {
    if (reasons.length > 0) this.check(`${parent}[${key}]`, reasons);
  }
}

export type Fields = Readonly<Record<string, unknown>>;

const NO_FIELDS: Fields = Object.freeze({});
const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/** The object's fields, or none when it is absent or not an object. */
export function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : NO_FIELDS;
}

export function items(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : NO_ITEMS;
}

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An int32 field, when present, at least `min` (most counts and durations may not be negative). */
export function int32Field(p: Problems, value: unknown, path: string, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number') {
    p.add(path, 'must be an integer');
    return;
  }
  const reasons = int32(value);
  if (reasons.length > 0) p.check(path, reasons);
  else if (value < min) p.add(path, `must be greater than or equal to ${min}`);
}

/** An int64 field, when present, within [min, max]. */
export function integerField(p: Problems, value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) p.add(path, 'must be an integer');
  else if (value < min || value > max) p.add(path, `must be between ${min} and ${max}, inclusive`);
}

/** A string field that must be one of a few values, when present. */
export function oneOf(p: Problems, value: unknown, path: string, allowed: ReadonlySet<string>): void {
  if (value !== undefined && !allowed.has(value as string)) p.add(path, `must be one of ${[...allowed].join(', ')}`);
}
