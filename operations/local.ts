// Members named by hand (`--member name=url`, PGMC_MEMBERS): how operators run the operations command
// outside Kubernetes and how the tests drive it. Recreating a member runs the operator's command with
// the member's name in $PGMC_MEMBER; without a command there is no way to recreate one.
import { spawn } from 'node:child_process';
import type { Member, MemberSource } from './members.js';
import { patroniClient } from './patroni.js';

export interface LocalMember {
  name: string;
  restUrl: string;
}

export interface LocalOptions {
  /** Members on an outdated template: 'all' (a rollout's default) or the names given. */
  outdated: 'all' | ReadonlySet<string>;
  /** Shell command that replaces the member named in $PGMC_MEMBER and exits 0 once it is started. */
  recreateCommand?: string;
  /** Where the command's output goes: never stdout, which carries the JSON lines. */
  commandOutput?: NodeJS.WritableStream;
}

/** `name=url` pairs, separated by commas or given one by one. */
export function parseMembers(specs: readonly string[]): LocalMember[] {
  const members = specs.flatMap((spec) => spec.split(',')).map((s) => s.trim()).filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    const [name, restUrl] = [pair.slice(0, at), pair.slice(at + 1)];
    if (at <= 0 || !URL.canParse(restUrl) || !/^https?:$/.test(new URL(restUrl).protocol)) {
      throw new Error(`a member is name=http://host:port, not ${JSON.stringify(pair)}`);
    }
    return { name, restUrl };
  });
  const names = members.map((m) => m.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`member ${twice} is named twice`);
  return members;
}

function runCommand(command: string, member: string, output: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { env: { ...process.env, PGMC_MEMBER: member }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`the recreate command for ${member} ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

export function localMembers(members: readonly LocalMember[], options: LocalOptions): MemberSource {
  const recreated = new Set<string>();
  const outdated = (name: string) => !recreated.has(name) && (options.outdated === 'all' || options.outdated.has(name));
  return {
    list: async () => Promise.all(members.map(async ({ name, restUrl }): Promise<Member> => ({
      name,
      restUrl,
      upToDate: !outdated(name),
      ready: await patroniClient(restUrl, { timeoutMs: 2000 }).status().then(() => true, () => false),
    }))),
    recreate: async (name) => {
      if (!members.some((m) => m.name === name)) throw new Error(`no member ${name}`);
      if (!options.recreateCommand) throw new Error(`no --recreate-command: recreate ${name} by hand and run again`);
      await runCommand(options.recreateCommand, name, options.commandOutput ?? process.stderr);
      recreated.add(name);
    },
  };
}
