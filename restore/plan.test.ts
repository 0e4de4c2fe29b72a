import fc from 'fast-check';
import t from 'tap';
import { RESTORE_DATABASE_PATTERN, type RestoreState } from '../schemas/restore-state.js';
import { planRestore, temporaryNames } from './plan.js';

const accepted = new RegExp(RESTORE_DATABASE_PATTERN);
// The pattern without its lookahead (which fast-check cannot generate from), filtered by the whole pattern.
const database = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/).filter((name) => accepted.test(name));

t.test('the names a restore works under: at most 63 bytes, none a restore could target, one pair per target and request', async (t) => {
  fc.assert(fc.property(database, fc.string({ minLength: 1, maxLength: 253 }), fc.string({ minLength: 1, maxLength: 253 }), (target, requestId, otherId) => {
    const names = temporaryNames({ database: target, requestId });
    for (const name of [names.restoring, names.keptAside]) {
      if (Buffer.byteLength(name) > 63 || accepted.test(name)) return false;
    }
    const again = temporaryNames({ database: target, requestId });
    const other = temporaryNames({ database: target, requestId: otherId });
    return again.restoring === names.restoring && again.keptAside === names.keptAside && names.restoring !== names.keptAside
      && (requestId === otherId) === (other.restoring === names.restoring);
  }), { seed: 16, numRuns: 300 });
  t.match(temporaryNames({ database: 'shop', requestId: 'r1' }), { restoring: /^shop~restoring-[0-9a-f]{16}$/, keptAside: /^shop~replaced-[0-9a-f]{16}$/ });
});

t.test('what the target holds decides the plan', async (t) => {
  const state: RestoreState = { cluster: 'c', namespace: 'n', requestId: 'r', dumpPath: '/d', fromDatabase: 'shop', database: 'shop', overwrite: false };
  const found = { relations: 3, template: false, owner: 'old_owner' };
  t.same(planRestore(state, undefined), { into: 'temporary', replacing: false, owner: undefined });
  t.same(planRestore({ ...state, owner: 'app' }, undefined), { into: 'temporary', replacing: false, owner: 'app' });
  t.same(planRestore(state, { ...found, relations: 0 }), { into: 'target' }, 'an empty target is restored into: a failure leaves it empty');
  t.match(planRestore(state, found), { refused: /is not empty \(3 relation\(s\)\); nothing was changed/ });
  t.same(planRestore({ ...state, overwrite: true }, found), { into: 'temporary', replacing: true, owner: 'old_owner' }, 'the target keeps its owner');
  t.same(planRestore({ ...state, overwrite: true, owner: 'app' }, found), { into: 'temporary', replacing: true, owner: 'app' }, 'the manifest\'s owner wins');
  t.match(planRestore({ ...state, overwrite: true }, { ...found, template: true }), { refused: /is a template database/ });
  t.match(planRestore({ ...state, overwrite: true, database: 'postgres' }, found), { refused: /database postgres is not replaced/ });
});
