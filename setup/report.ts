// One JSON line per action and a summary. Lines name objects, never passwords. Besides the database
// objects: teams whose members were `fetched` from the Teams API or are `unavailable` (a failed request:
// the rest of the setup goes on and the exit code does not change), and what was `skipped` on purpose.
export type Outcome = 'created' | 'altered' | 'unchanged' | 'failed' | 'fetched' | 'unavailable' | 'skipped';

export interface Action { outcome: Outcome; object: string; name: string; database?: string; changes?: string[]; message?: string }

export class Report {
  readonly actions: Action[] = [];

  /** `recorded`: told of every action as it is recorded (the Job's Events). */
  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly recorded: (action: Action) => void = () => undefined,
  ) {}

  record(action: Action): void {
    this.actions.push(action);
    this.write(JSON.stringify(action));
    this.recorded(action);
  }

  count(outcome: Outcome): number {
    return this.actions.filter((a) => a.outcome === outcome).length;
  }

  get changed(): boolean {
    return this.count('created') + this.count('altered') > 0;
  }

  summary(): { created: number; altered: number; unchanged: number; failed: number; unavailable: number; message: string } {
    const counts = { created: this.count('created'), altered: this.count('altered'), unchanged: this.count('unchanged'), failed: this.count('failed'), unavailable: this.count('unavailable') };
    const outcome = counts.failed > 0
      ? `${counts.failed} action(s) failed`
      : this.changed ? 'the database now matches the desired state' : 'no change: the database already matched the desired state';
    return { ...counts, message: [outcome, ...this.unavailableInputs()].join('; ') };
  }

  /** What could not be read (Teams API failures), and what was left undone because of it. */
  private unavailableInputs(): string[] {
    const unavailable = this.actions.filter((a) => a.outcome === 'unavailable');
    if (unavailable.length === 0) return [];
    const reasons = unavailable.map((a) => `${a.object} ${a.name}: ${a.message}`).join(', ');
    const consequences = this.actions.filter((a) => a.outcome === 'skipped' && a.object === 'deprecation').map((a) => a.message ?? '');
    return [`unavailable: ${reasons}`, ...consequences];
  }
}

export type Subject = Pick<Action, 'object' | 'name' | 'database'>;
export type Result = Pick<Action, 'outcome' | 'changes'>;
