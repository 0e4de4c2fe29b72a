// Work in many databases at once, reported in order; no server needed (fake clients).
import t from 'tap';
import type pg from 'pg';
import { actInEachDatabase, type Connect, type DatabaseWork } from './connection.js';
import { Report } from './report.js';

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

t.test('works run a few at a time, each connection closed, outcomes recorded in the given order', async (t) => {
  let open = 0;
  let mostOpen = 0;
  const closed: string[] = [];
  const connect: Connect = async (database) => {
    if (database === 'gone') throw new Error('database "gone" does not exist');
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    return { end: async () => { open -= 1; closed.push(database!); } } as unknown as pg.Client;
  };
  const names = ['a', 'b', 'gone', 'c', 'd', 'e', 'f', 'g'];
  // Earlier databases take longer, so they finish after later ones.
  const works: DatabaseWork[] = names.map((name, i) => ({
    database: name,
    subject: { object: 'thing', name },
    work: async () => {
      await tick((names.length - i) * 3);
      if (name === 'd') throw new Error('no luck in d');
      return { outcome: name === 'e' ? 'altered' : 'unchanged', ...(name === 'e' ? { changes: ['x'] } : {}) };
    },
  }));
  const lines: string[] = [];
  const report = new Report((line) => lines.push(line));
  await actInEachDatabase(connect, report, works);
  t.same(report.actions.map((a) => a.name), names, 'the declared order, whatever finished first');
  t.same(lines.map((line) => JSON.parse(line).name), names, 'one line per work, in the same order');
  t.match(report.actions.find((a) => a.name === 'gone'), { outcome: 'failed', message: 'database "gone" does not exist' });
  t.match(report.actions.find((a) => a.name === 'd'), { outcome: 'failed', message: 'no luck in d' });
  t.match(report.actions.find((a) => a.name === 'e'), { outcome: 'altered', changes: ['x'] });
  t.equal(mostOpen, 4, 'four connections at most');
  t.same(closed.sort(), names.filter((n) => n !== 'gone').sort(), 'every connection made was closed');
  t.equal(open, 0);
});

t.test('nothing to do records nothing', async (t) => {
  const report = new Report(() => undefined);
  await actInEachDatabase(async () => { throw new Error('no connection expected'); }, report, []);
  t.same(report.actions, []);
});
