// One JSON line per action of the operations command, and a summary. Lines name members, parameters
// and configuration keys, never values that could hold a secret.
import { endWithSummary, summaryLine } from '../schemas/job-summary.js';
import { noEvents, type EventRecorder } from './recorder.js';
import { lineEvent, summaryEvent } from './report-events.js';

export type Status = 'planned' | 'done' | 'failed';

export interface ActionLine {
  action: 'patch-config' | 'restart' | 'reload' | 'switchover' | 'recreate' | 'wait' | 'refused' | 'label' | 'upgrade'
    | 'read-claim' | 'patch-claim' | 'delete-statefulset';
  status?: Status;
  member?: string;
  [key: string]: unknown;
}

export type Outcome = 'done' | 'planned' | 'refused' | 'failed';

export class OperationsReport {
  readonly lines: ActionLine[] = [];

  /** `terminationLog`: where the summary line also goes (schemas/job-summary.ts); `events`: the steps a person cares about. */
  constructor(private readonly write: (line: string) => void, private readonly terminationLog?: string, private readonly events: EventRecorder = noEvents) {}

  record(line: ActionLine): void {
    this.lines.push(line);
    this.write(JSON.stringify(line));
    const event = lineEvent(line);
    if (event) this.events.record(event);
  }

  count(action: ActionLine['action'], status: Status = 'done'): number {
    return this.lines.filter((l) => l.action === action && l.status === status).length;
  }

  summary(action: string, outcome: Outcome, message: string): void {
    const done = this.lines.filter((l) => l.status === 'done' && l.action !== 'wait').length;
    endWithSummary(this.write, this.terminationLog, summaryLine({ action, outcome, done, switchovers: this.count('switchover'), message }));
    const event = summaryEvent(action, outcome, message);
    if (event) this.events.record(event);
  }
}
