// Reads a Job's state file (setup, operations) and checks it against its schema; errors name the file
// and the first paths that do not fit, never the values.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

export function stateFileReader<T extends TSchema>(schema: T, kind: string): (path: string) => Static<T> {
  const validator = Compile(schema);
  return (path) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the state file ${path}: ${(error as Error).message}`);
    }
    if (!validator.Check(parsed)) {
      const errors = [...validator.Errors(parsed)].slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
      throw new Error(`the state file ${path} is not ${kind}: ${errors.join('; ')}`);
    }
    return parsed as Static<T>;
  };
}

/** `--state <file> [--deadline-seconds N] [--termination-log PATH]`: the command line of the setup and restore Jobs. */
export function stateAndDeadline<T>(argv: string[], command: string, load: (path: string) => T): { state: T; deadlineMs: number } {
  const { values } = parseArgs({ args: argv, options: { state: { type: 'string' }, 'deadline-seconds': { type: 'string', default: '600' }, 'termination-log': { type: 'string' } } });
  if (!values.state) throw new Error(`usage: ${command} --state <file> [--deadline-seconds N] [--termination-log PATH]`);
  return { state: load(values.state), deadlineMs: Number(values['deadline-seconds']) * 1000 };
}
