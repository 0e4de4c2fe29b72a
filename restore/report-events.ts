// The restore Job's Events on the postgresql object: when it starts, and how it ended (a refusal is a
// failure of the request: the Job fails and the condition says so). The steps stay in the Job's log.
import type { JobEvent } from '../operations/recorder.js';
import { summaryEvent } from '../operations/report-events.js';
import type { RestoreState } from '../schemas/restore-state.js';
import type { RestoreResult } from './run.js';

const ACTION = 'logicalRestore';

export function restoreStartedEvent(state: RestoreState, pod: string): JobEvent {
  const into = state.fromDatabase === state.database ? `database ${state.database}` : `database ${state.fromDatabase} of the dump into ${state.database}`;
  return { type: 'Normal', reason: 'LogicalRestoreStarted', note: `the restore Job (pod ${pod}) started for request ${state.requestId}: ${into}${state.overwrite ? ', replacing it if it is not empty' : ''}` };
}

export function restoreEndedEvent(result: RestoreResult): JobEvent {
  if (result.outcome === 'restored') return summaryEvent(ACTION, 'done', result.message)!;
  return summaryEvent(ACTION, 'failed', result.outcome === 'refused' ? `refused: ${result.message}` : result.message)!;
}
