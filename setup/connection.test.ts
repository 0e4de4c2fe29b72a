// Work in many databases at once, one connection per database, reported in order; no server needed (fake clients).
import t from 'tap';
import type pg from 'pg';
import { actInEachDatabase, type Connect, type DatabaseWork } from './connection.js';
import { Report } from './report.js';

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

t.test('databases are done a few at a time, each on one connection, outcomes recorded in the given order', async (t) => {
  let open = 0;
  let mostOpen = 0;
  const connected: string[] = [];
  const closed: string[] = [];
  const connect: Connect = async (database) => {
    if (database === 'gone') throw new Error('database "gone" does not exist');
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    connected.push(database!);
    return { database, end: async () => { open -= 1; closed.push(database!); } } as unknown as pg.Client;
  };
  const names = ['a', 'b', 'gone', 'c', 'd', 'e', 'f', 'g'];
  const clients: Array<[string, string]> = [];
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
  // A second object in some of the databases, listed after all the others.
  for (const database of ['d', 'gone', 'a']) {
    works.push({ database, subject: { object: 'other', name: database, database }, work: async (client) => {
      clients.push([database, (client as unknown as { database: string }).database]);
      return { outcome: 'unchanged' };
    } });
  }
  const lines: string[] = [];
  const report = new Report((line) => lines.push(line));
  await actInEachDatabase(connect, report, works);
  const expected = [...names.map((n) => `thing ${n}`), 'other d', 'other gone', 'other a'];
  t.same(report.actions.map((a) => `${a.object} ${a.name}`), expected, 'the order of the works, whatever finished first');
  t.same(lines.map((line) => { const a = JSON.parse(line); return `${a.object} ${a.name}`; }), expected, 'one line per work, in the same order');
  t.match(report.actions.filter((a) => a.name === 'gone'), [{ outcome: 'failed', message: 'database "gone" does not exist' }, { outcome: 'failed', message: 'database "gone" does not exist' }]);
  t.match(report.actions.find((a) => a.name === 'd'), { outcome: 'failed', message: 'no luck in d' });
  t.match(report.actions.find((a) => a.object === 'other' && a.name === 'd'), { outcome: 'unchanged', database: 'd' }, 'a failure leaves the next work in that database to run');
  t.match(report.actions.find((a) => a.name === 'e'), { outcome: 'altered', changes: ['x'] });
  t.same(connected.sort(), ['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'one connection per database');
  t.same(clients.sort(), [['a', 'a'], ['d', 'd']], 'the later work gets its database\'s connection');
  t.equal(mostOpen, 4, 'four connections at most');
  t.same(closed.sort(), connected, 'every connection made was closed');
  t.equal(open, 0);
});

t.test('nothing to do records nothing', async (t) => {
  const report = new Report(() => undefined);
  await actInEachDatabase(async () => { throw new Error('no connection expected'); }, report, []);
  t.same(report.actions, []);
});
