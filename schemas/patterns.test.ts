// The CRD's patterns against the API server's rules in hooks/api-rules: where a pattern stands for a
// rule it says the same, and where it is narrower (the schedule) it never accepts what the rule refuses.
import t from 'tap';
import fc from 'fast-check';
import { cronSchedule } from '../hooks/api-rules/cron.js';
import { relativeSubPath } from '../hooks/api-rules/identifiers.js';
import { CRON_SCHEDULE, RELATIVE_SUB_PATH } from './patterns.js';

const SEED = 20240611;

t.test('RELATIVE_SUB_PATH accepts exactly the subPaths the API server accepts', async (t) => {
  const pattern = new RegExp(RELATIVE_SUB_PATH, 'u');
  const path = fc.string({ unit: fc.constantFrom('.', '/', 'a', '..', '...', '/..', '../'), maxLength: 8 });
  fc.assert(fc.property(path, (text) => pattern.test(text) === (relativeSubPath(text).length === 0)), { seed: SEED, numRuns: 20000 });
  t.pass('20000 generated paths agree');
});

t.test('whatever CRON_SCHEDULE accepts, the CronJob API accepts', async (t) => {
  const pattern = new RegExp(CRON_SCHEDULE, 'u');
  // Mostly small numbers and plain spaces, so that many schedules pass the pattern; the rest are near misses.
  const number = fc.oneof({ weight: 6, arbitrary: fc.nat(6).map(String) }, fc.nat(70).map(String), fc.nat(9).map((n) => `00${n}`));
  const step = fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, number, fc.constant('0'));
  const field = fc.tuple(fc.oneof(fc.constant('*'), number), step)
    .map(([value, step]) => (step === undefined ? value : `${value}/${step}`));
  const separator = fc.oneof({ weight: 10, arbitrary: fc.constant(' ') }, fc.constantFrom('  ', '\t', '\n', '\u00a0', '\ufeff'));
  const count = fc.oneof({ weight: 10, arbitrary: fc.constant(4) }, fc.constantFrom(3, 5));
  const schedule = count.chain((n) => fc.tuple(fc.array(fc.tuple(field, separator), { minLength: n, maxLength: n }), field))
    .map(([parts, last]) => `${parts.map(([f, s]) => f + s).join('')}${last}`);
  let accepted = 0;
  fc.assert(fc.property(schedule, (text) => {
    if (!pattern.test(text)) return true;
    accepted += 1;
    return cronSchedule(text).length === 0;
  }), { seed: SEED, numRuns: 20000 });
  t.ok(accepted > 1000, `the pattern accepted ${accepted} of the generated schedules, all of them valid`);
});

t.test('the schedule pattern keeps Zalando\'s accepted forms that work', async (t) => {
  const pattern = new RegExp(CRON_SCHEDULE, 'u');
  for (const text of ['30 00 * * *', '*/5 * * * *', '0 0 1 1 0', '59 23 31 12 6', '00 0\t* * *']) t.ok(pattern.test(text), text);
  for (const text of ['60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 7', '*/0 * * * *', '0 0 * * MON']) t.notOk(pattern.test(text), text);
});
