import t from 'tap';
import type { Member } from './members.js';
import type { ClusterMember } from './patroni.js';
import { checkHealth, chooseCandidate, planRollout, restartOrder, type Observation } from './plan.js';

const MAX_LAG = 1_048_576;

function member(name: string, upToDate = true): Member {
  return { name, restUrl: `http://127.0.0.1/${name}`, upToDate, ready: true };
}

/** a leads, b and c stream; `changes` edits entries of /cluster, `streaming` overrides who streams. */
function observed(changes: Record<string, Partial<ClusterMember> | null> = {}, streaming = ['b', 'c']): Observation {
  const base: ClusterMember[] = [
    { name: 'a', role: 'leader', state: 'running', lag: 0 },
    { name: 'b', role: 'replica', state: 'streaming', lag: 0 },
    { name: 'c', role: 'replica', state: 'streaming', lag: 0 },
  ];
  const members = base.flatMap((m) => (changes[m.name] === null ? [] : [{ ...m, ...changes[m.name] }]));
  return { view: { members }, streaming: new Set(streaming) };
}

const three = ['a', 'b', 'c'].map((n) => member(n));

t.test('health: one running leader and streaming replicas within the lag limit', async (t) => {
  t.same(checkHealth(three, observed(), { maximumLag: MAX_LAG }), { leader: 'a' });
  t.same(checkHealth(three, observed({ b: { lag: MAX_LAG } }), { maximumLag: MAX_LAG }), { leader: 'a' }, 'the limit itself is allowed');
  t.same(checkHealth(three, observed({ a: { role: 'standby_leader' } }), { maximumLag: MAX_LAG }), { leader: 'a' }, 'a standby leader leads');
});

t.test('health refuses, naming the member and the reason', async (t) => {
  const refusal = (o: Observation, replacing?: Set<string>) => checkHealth(three, o, { maximumLag: MAX_LAG, ...(replacing ? { replacing } : {}) });
  t.same(refusal(observed({ c: null })), { refused: { member: 'c', reason: 'not in the Patroni cluster (Patroni is not running there)' } });
  t.same(refusal(observed({ b: { state: 'starting' } })), { refused: { member: 'b', reason: 'its PostgreSQL is starting' } });
  t.same(refusal(observed({}, ['b'])), { refused: { member: 'c', reason: 'not streaming from the leader' } });
  t.same(refusal(observed({ b: { lag: MAX_LAG + 1 } })), { refused: { member: 'b', reason: `lags ${MAX_LAG + 1} bytes, more than maximum_lag_on_failover ${MAX_LAG}` } });
  t.same(refusal(observed({ b: { lag: 'unknown' } })), { refused: { member: 'b', reason: 'lag unknown (unknown)' } });
  t.same(refusal(observed({ a: { role: 'replica' } })), { refused: { reason: 'the cluster has no leader' } });
  t.same(refusal(observed({ b: { role: 'leader' } })), { refused: { reason: 'the cluster has 2 leaders (a, b)' } });
  t.same(refusal(observed({ a: { state: 'stopped' } })), { refused: { member: 'a', reason: 'the leader\'s PostgreSQL is stopped' } });
  t.same(refusal(observed({ a: { state: 'stopped' } }), new Set(['a'])), { refused: { member: 'a', reason: 'the leader\'s PostgreSQL is stopped' } }, 'even when it is to be replaced');
  t.same(refusal(observed({ c: null }), new Set(['c'])), { leader: 'a' }, 'a member being replaced may be down');
});

t.test('restart order: replicas by name, then the primary; the primary first when asked', async (t) => {
  t.same(restartOrder('b', ['c', 'b', 'a'], false), ['a', 'c', 'b']);
  t.same(restartOrder('b', ['c', 'b', 'a'], true), ['b', 'a', 'c']);
  t.same(restartOrder('b', ['c', 'a'], false), ['a', 'c'], 'only the members given');
});

t.test('candidate: the streaming replica with the lowest lag, or the one named if it qualifies', async (t) => {
  const options = { leader: 'a', maximumLag: MAX_LAG };
  t.same(chooseCandidate(three, observed({ b: { lag: 500 }, c: { lag: 20 } }), options), { candidate: 'c' });
  t.same(chooseCandidate(three, observed(), options), { candidate: 'b' }, 'ties go by name');
  t.same(chooseCandidate(three, observed({ c: { tags: { nofailover: true } }, b: { lag: 9 } }), options), { candidate: 'b' });
  t.same(chooseCandidate(three, observed({}, ['c']), options), { candidate: 'c' }, 'not streaming disqualifies');
  t.same(chooseCandidate(three, observed(), { ...options, ineligible: (n) => (n === 'c' ? undefined : 'not c') }), { candidate: 'c' });
  t.same(chooseCandidate(three, observed({ b: { lag: 900 } }), { ...options, named: 'b' }), { candidate: 'b' });
  t.same(chooseCandidate(three, observed(), { ...options, named: 'b', ineligible: () => 'removed' }), { refused: { member: 'b', reason: 'cannot take over: removed' } });
  t.same(chooseCandidate(three, observed(), { ...options, named: 'a' }), { refused: { member: 'a', reason: 'cannot take over: it is the leader already' } });
  t.same(chooseCandidate(three, observed(), { ...options, named: 'z' }), { refused: { member: 'z', reason: 'cannot take over: not one of the cluster\'s members' } });
  t.same(chooseCandidate(three, observed({ c: { lag: MAX_LAG * 2 } }), { ...options, named: 'c' }), { refused: { member: 'c', reason: `cannot take over: lags ${MAX_LAG * 2} bytes, more than maximum_lag_on_failover ${MAX_LAG}` } });
  t.same(chooseCandidate(three, observed({}, []), options), { refused: { reason: 'no replica qualifies to take over (streaming, within maximum_lag_on_failover, eligible)' } });
});

t.test('rollout: outdated replicas one by one, then one switchover, then the old leader', async (t) => {
  const all = ['a', 'b', 'c'].map((n) => member(n, false));
  t.same(planRollout(all, 'b'), [
    { action: 'recreate', member: 'a' },
    { action: 'recreate', member: 'c' },
    { action: 'switchover', from: 'b' },
    { action: 'recreate', member: 'b' },
  ]);
  t.same(planRollout([member('a', false), member('b'), member('c', false)], 'a'), [
    { action: 'recreate', member: 'c' }, { action: 'switchover', from: 'a' }, { action: 'recreate', member: 'a' },
  ], 'an up-to-date replica is left alone');
  t.same(planRollout([member('a'), member('b', false)], 'a'), [{ action: 'recreate', member: 'b' }], 'an up-to-date leader needs no switchover');
  t.same(planRollout(three, 'a'), [], 'nothing outdated, nothing to do');
  t.same(planRollout([member('a', false)], 'a'), [{ action: 'recreate', member: 'a', downtime: true }], 'a lone member is recreated in place');
});
