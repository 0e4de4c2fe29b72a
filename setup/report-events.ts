// Which outcomes of the setup command a person wants to see on the postgresql object: each database
// created, each object that failed with its reason, and how the run ended. Roles and privileges that
// were merely put in place stay in the Job's log.
import type { JobEvent } from '../operations/recorder.js';
import type { Action } from './report.js';

export function actionEvent(action: Action): JobEvent | undefined {
  const subject = `${action.object} ${action.name}${action.database && action.object !== 'database' ? ` in database ${action.database}` : ''}`;
  if (action.outcome === 'failed') return { type: 'Warning', reason: 'SetupStepFailed', note: `${subject} failed: ${action.message ?? 'no reason given'}` };
  if (action.outcome === 'unavailable') return { type: 'Warning', reason: 'SetupInputUnavailable', note: `${subject}: ${action.message ?? 'unavailable'}` };
  if (action.outcome === 'created' && action.object === 'database') return { type: 'Normal', reason: 'DatabaseCreated', note: `created database ${action.name}` };
  return undefined;
}
