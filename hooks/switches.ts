// The two switches a user sets on the `postgresql` object as annotations. Only the exact value "true" turns one
// on: a typo leaves the cluster running and reconciled, the state that cannot lose data.
import { annotationKeys } from './names.js';

type Annotations = Readonly<Record<string, unknown>> | undefined;

/** Hibernated: every pod stopped (database, pooler, backup schedule), every object and volume kept. */
export function isHibernated(annotations: Annotations): boolean {
  return annotations?.[annotationKeys.hibernate] === 'true';
}

/** Paused: the sync hook answers what it observes, whatever the spec says. */
export function isPaused(annotations: Annotations): boolean {
  return annotations?.[annotationKeys.pause] === 'true';
}
