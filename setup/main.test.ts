// The command line: input errors exit 2 with a message, an unreachable server ends at the deadline.
import t from 'tap';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/postgres.js';
import { connectToPrimary, connector } from './connection.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'pgmc-state-'));

async function runMain(args: string[], env: Record<string, string> = {}) {
  const lines: string[] = [];
  const code = await main(args, env, (line) => lines.push(line));
  return { code, lines: lines.map((l) => JSON.parse(l)) };
}

t.test('usage and state errors exit 2 and name the problem', async (t) => {
  t.match(await runMain([]), { code: 2, lines: [{ summary: { outcome: 'failed', message: /usage: setup-db --state/ } }] });
  t.match(await runMain(['--state', join(dir, 'missing.json')]), { code: 2, lines: [{ summary: { outcome: 'failed', message: /cannot read the state file/ } }] });
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ cluster: 'x', passwordEncryption: 'rot13', roles: [], databases: [], preparedDatabases: [] }));
  t.match(await runMain(['--state', bad]), { code: 2, lines: [{ summary: { outcome: 'failed', message: /not a setup state: \/passwordEncryption/ } }] });
  const flag = join(dir, 'flag.json');
  writeFileSync(flag, JSON.stringify({ cluster: 'x', passwordEncryption: 'md5', roles: [{ name: 'a', flags: ['LOGIN; DROP'], memberOf: [], parameters: {} }], databases: [], preparedDatabases: [] }));
  t.match(await runMain(['--state', flag]), { code: 2, lines: [{ summary: { outcome: 'failed', message: /\/roles\/0\/flags\/0/ } }] }, 'attribute keywords are checked before they reach SQL');
});

t.test('no server: waits with backoff, then exits 1 at the deadline', async (t) => {
  const port = await freePort();
  const waits: string[] = [];
  const sleeps: number[] = [];
  let clock = 0;
  await t.rejects(
    connectToPrimary(connector({ PGHOST: '127.0.0.1', PGPORT: String(port), PGSSLMODE: 'disable' }), {
      deadlineMs: 40_000, log: (m) => waits.push(m), now: () => clock, sleep: async (ms) => { sleeps.push(ms); clock += ms; },
    }),
    /no writable primary before the deadline/,
  );
  t.ok(waits.length >= 1);
  t.same(sleeps, [1000, 2000, 4000, 8000, 15000], 'the delay doubles up to 15 s, within the deadline');
  const state = join(dir, 'empty.json');
  writeFileSync(state, JSON.stringify({ cluster: 'x', passwordEncryption: 'md5', roles: [], databases: [], preparedDatabases: [] }));
  const terminationLog = join(dir, 'termination-log');
  const result = await runMain(['--state', state, '--deadline-seconds', '0', '--termination-log', terminationLog], { PGHOST: '127.0.0.1', PGPORT: String(port), PGSSLMODE: 'disable' });
  t.equal(result.code, 1);
  t.match(result.lines.at(-1), { summary: { outcome: 'failed', message: /no writable primary/ } });
  t.same(JSON.parse(readFileSync(terminationLog, 'utf8')), result.lines.at(-1), 'the summary is the termination message');
});
