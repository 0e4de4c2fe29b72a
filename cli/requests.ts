// `switchover`, `restart`, `reload`: the declarative requests of the operations Job, as the annotation
// patch to write on the `postgresql` object. A new request id runs the action once (hooks/operations).
import { randomBytes } from 'node:crypto';
import { annotationKeys } from '../hooks/names.js';

export type RequestAction = 'switchover' | 'restart' | 'reload';

/** Sortable and unique enough to be run once: `20261120T120000Z-3fa9c1`. */
export function requestId(now: Date, suffix = randomBytes(3).toString('hex')): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${suffix}`;
}

/** A switchover without a target removes an earlier target, so the healthiest replica is chosen. */
export function requestPatch(action: RequestAction, id: string, to?: string): { metadata: { annotations: Record<string, string | null> } } {
  const annotations: Record<string, string | null> = { [annotationKeys[action]]: id };
  if (action === 'switchover') annotations[annotationKeys.switchoverTo] = to ?? null;
  return { metadata: { annotations } };
}
