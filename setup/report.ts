// One JSON line per action and a summary. Lines name objects, never passwords.
export type Outcome = 'created' | 'altered' | 'unchanged' | 'failed';

export interface Action { outcome: Outcome; object: string; name: string; database?: string; changes?: string[]; message?: string }

export class Report {
  readonly actions: Action[] = [];

  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  record(action: Action): void {
    this.actions.push(action);
    this.write(JSON.stringify(action));
  }

  count(outcome: Outcome): number {
    return this.actions.filter((a) => a.outcome === outcome).length;
  }

  get changed(): boolean {
    return this.count('created') + this.count('altered') > 0;
  }

  summary(): { created: number; altered: number; unchanged: number; failed: number; message: string } {
    const counts = { created: this.count('created'), altered: this.count('altered'), unchanged: this.count('unchanged'), failed: this.count('failed') };
    const message = counts.failed > 0
      ? `${counts.failed} action(s) failed`
      : this.changed ? 'the database now matches the desired state' : 'no change: the database already matched the desired state';
    return { ...counts, message };
  }
}

export type Subject = Pick<Action, 'object' | 'name' | 'database'>;
export type Result = Pick<Action, 'outcome' | 'changes'>;
