// Unusable input ends the operations command with exit code 2 and a line saying why, before anything is asked of Patroni.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { parseMembers } from './local.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'pgmc-operations-input-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const rollout = file('rollout.json', { cluster: 'demo', namespace: 'default', action: 'rollout', podSelector: {}, patroniPort: 8008, maximumLagOnFailover: 1048576 });

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const lines: string[] = [];
  const code = await main(argv, env, (line) => lines.push(line));
  return { code, lines: lines.map((l) => JSON.parse(l) as { summary: { outcome: string; message: string } }) };
}

t.test('members are name=url pairs, each name once', async (t) => {
  t.same(parseMembers(['a=http://127.0.0.1:8008,b=http://127.0.0.1:8009', 'c=https://h:1']), [
    { name: 'a', restUrl: 'http://127.0.0.1:8008' }, { name: 'b', restUrl: 'http://127.0.0.1:8009' }, { name: 'c', restUrl: 'https://h:1' },
  ]);
  t.throws(() => parseMembers(['a']), /a member is name=http:\/\/host:port, not "a"/);
  t.throws(() => parseMembers(['a=ftp://h']), /not "a=ftp:\/\/h"/);
  t.throws(() => parseMembers(['a=http://h:1', 'a=http://h:2']), /member a is named twice/);
});

t.test('unusable input: exit 2, one summary line with the reason', async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [[], /^usage: operations --state/],
    [['--state', join(dir, 'missing.json')], /cannot read the state file/],
    [['--state', file('bad.json', { action: 'rollout' })], /is not an operations state: /],
    [['--state', rollout, '--member', 'nourl'], /a member is name=http/],
    [['--state', rollout, '--member', 'a=http://127.0.0.1:1', '--outdated', 'b', '--recreate-command', 'true'], /--outdated names no member: b/],
    [['--state', rollout, '--member', 'a=http://127.0.0.1:1'], /a rollout in local mode needs --recreate-command/],
    [['--state', rollout, '--recreate-command', 'true'], /need members named with --member or PGMC_MEMBERS/],
    [['--state', rollout, '--wait-seconds', 'soon'], /--wait-seconds must be a positive number/],
  ];
  for (const [argv, reason] of cases) {
    const { code, lines } = await run(argv);
    t.equal(code, 2, argv.join(' '));
    t.equal(lines.length, 1);
    t.equal(lines[0]?.summary.outcome, 'unusable');
    t.match(lines[0]?.summary.message, reason);
  }
});

t.test('PGMC_MEMBERS names the members when --member does not; no Patroni answering is a refusal', async (t) => {
  const { code, lines } = await run(['--state', rollout, '--dry-run', '--wait-seconds', '1'], { PGMC_MEMBERS: 'a=http://127.0.0.1:1' });
  t.equal(code, 1);
  t.match(lines, [{ action: 'refused', reason: /^no member answers GET \/cluster/ }, { summary: { outcome: 'refused' } }]);
});
