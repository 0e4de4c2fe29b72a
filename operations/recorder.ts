// What a Job records Events through (operations/events.ts writes them to Kubernetes), apart from the
// client so that runs outside a cluster load no Kubernetes client.

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
