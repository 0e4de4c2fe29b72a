// What a Job records Events through (operations/events.ts writes them to Kubernetes), apart from the
// client so that runs outside a cluster load no Kubernetes client.
import type { EventRecorderOptions } from './events.js';

/** The `postgresql` object the Events are about. */
export interface EventSubject { name: string; namespace: string; uid: string }

export interface JobEvent {
  type: 'Normal' | 'Warning';
  /** UpperCamelCase, short: what `kubectl describe` shows in its Reason column. */
  reason: string;
  /** A sentence naming objects and steps, never a value that could hold a secret. */
  note: string;
}

export interface EventRecorder {
  /** Queues the Event; Events are written one after the other, in the order recorded. Never throws. */
  record(event: JobEvent): void;
  /** Resolves once every queued Event was written or given up on. */
  flush(): Promise<void>;
}

/** For runs outside a cluster, and Jobs that were handed no subject. */
export const noEvents: EventRecorder = { record: () => undefined, flush: async () => undefined };

/**
 * A Job's Events on `subject` (none without one: run by hand, or a state from an older hook), the Kubernetes
 * client loaded only then. An Event that cannot be written is one `not-recorded` line through `write`: the
 * Job goes on, its log and summary say the same.
 */
export async function jobEvents(subject: EventSubject | undefined, who: Pick<EventRecorderOptions, 'component' | 'instance' | 'config'>, write: (line: string) => void): Promise<EventRecorder> {
  if (!subject) return noEvents;
  return (await import('./events.js')).eventRecorder(subject, { ...who, onError: (error) => write(JSON.stringify({ event: 'not-recorded', reason: error.message })) });
}
