// Maintenance windows: what Zalando's parser accepts and refuses, and the window arithmetic (weekday and
// day boundaries, the week's wrap) proven with fast-check under a fixed seed.
import fc from 'fast-check';
import t, { type Test } from 'tap';
import { applicableWindows, formatWindow, inWindow, nextWindowStart, parseWindow, parseWindows, secondsUntil, windowEnd, type MaintenanceWindow } from './maintenance-windows.js';

const SEED = 20_261_112;
const check = (t: Test, property: fc.IProperty<any>) => t.doesNotThrow(() => fc.assert(property, { seed: SEED, numRuns: 200 }));
/** 2026-11-14 is a Saturday. */
const at = (iso: string) => new Date(iso);

t.test('parse: the two shapes Zalando accepts', async (t) => {
  t.same(parseWindow('Sat:22:00-23:59'), { weekday: 6, start: 22 * 60, end: 23 * 60 + 59 });
  t.same(parseWindow('01:00-06:00'), { start: 60, end: 360 });
  t.same(parseWindow('1:00-6:00'), { start: 60, end: 360 }, 'a one-digit hour (Go\'s "15" layout)');
  t.same(parseWindow('Sun:00:00-00:00'), { weekday: 0, start: 0, end: 0 }, 'a one-minute window: the end may equal the start');
});

t.test('parse: what Zalando refuses, with the reason', async (t) => {
  const refusals: Array<[string, RegExp]> = [
    ['Sat:22:00', /not a window/],
    ['Sat:22:00-23:00-23:30', /not a window/],
    ['22-23', /not a window/],
    ['sat:22:00-23:00', /"sat" is not a weekday/],
    ['Saturday:22:00-23:00', /not a weekday/],
    ['Sat:22:5-23:00', /start "22:5" is not a time/],
    ['01:00-6:5', /end "6:5" is not a time/],
    ['24:00-24:30', /start "24:00" is not a time of day/],
    ['01:60-02:00', /not a time of day/],
    [' 01:00-02:00', /start " 01:00" is not a time/],
    ['01:00-02:00 ', /end "02:00 " is not a time/],
    ['001:00-02:00', /not a time/],
    ['23:00-01:00', /end is before the start/],
    ['Mon:10:00-Tue:02:00', /end "Tue:02:00" is not a time/],
  ];
  for (const [text, reason] of refusals) t.match(parseWindow(text), reason, text);
  t.same(parseWindows(['01:00-02:00', 'bad', 'Sun:03:00-04:00']).problems.map((p) => p.index), [1]);
});

t.test('applicable windows: the manifest\'s replace the configured ones; none, or the feature off, is always', async (t) => {
  const config = { enable_maintenance_windows: true, maintenance_windows: ['Sun:01:00-02:00'] };
  t.same(applicableWindows(['Sat:01:00-02:00'], config), [{ weekday: 6, start: 60, end: 120 }]);
  t.same(applicableWindows([], config), [{ weekday: 0, start: 60, end: 120 }], 'an empty list in the manifest is none');
  t.same(applicableWindows(undefined, config), [{ weekday: 0, start: 60, end: 120 }]);
  t.equal(applicableWindows(undefined, { ...config, maintenance_windows: [] }), 'always');
  t.equal(applicableWindows(['Sat:01:00-02:00'], { ...config, enable_maintenance_windows: false }), 'always');
});

t.test('inWindow: both ends inclusive to the minute, on the window\'s weekday only, in UTC', async (t) => {
  const windows = [parseWindow('Sat:22:00-23:59') as MaintenanceWindow];
  t.notOk(inWindow(at('2026-11-14T21:59:59.999Z'), windows));
  t.ok(inWindow(at('2026-11-14T22:00:00Z'), windows));
  t.ok(inWindow(at('2026-11-14T23:59:59.999Z'), windows), 'the whole end minute');
  t.notOk(inWindow(at('2026-11-15T00:00:00Z'), windows), 'Sunday');
  t.notOk(inWindow(at('2026-11-13T22:30:00Z'), windows), 'Friday');
  t.ok(inWindow(at('2026-11-14T23:30:00+01:00'), windows), '22:30 UTC');
  t.ok(inWindow(at('2026-11-13T22:30:00Z'), 'always'));
});

t.test('nextWindowStart: the soonest start, across the week\'s end', async (t) => {
  const saturday = [parseWindow('Sat:22:00-23:59') as MaintenanceWindow];
  t.same(nextWindowStart(at('2026-11-14T21:00:00Z'), saturday), at('2026-11-14T22:00:00Z'));
  t.same(nextWindowStart(at('2026-11-14T22:00:00Z'), saturday), at('2026-11-21T22:00:00Z'), 'a window open now counts from its next start');
  t.same(nextWindowStart(at('2026-11-15T00:00:00Z'), saturday), at('2026-11-21T22:00:00Z'), 'Sunday: six days on');
  const monday = [parseWindow('Mon:01:00-02:00') as MaintenanceWindow];
  t.same(nextWindowStart(at('2026-11-14T23:00:00Z'), monday), at('2026-11-16T01:00:00Z'), 'over the Saturday-Sunday wrap');
  const daily = [parseWindow('01:00-06:00') as MaintenanceWindow, parseWindow('Sun:00:30-00:45') as MaintenanceWindow];
  t.same(nextWindowStart(at('2026-11-14T23:00:00Z'), daily), at('2026-11-15T00:30:00Z'), 'the weekly one comes before the daily one');
  t.same(nextWindowStart(at('2026-11-14T06:30:00Z'), daily), at('2026-11-15T00:30:00Z'));
  t.equal(nextWindowStart(at('2026-11-14T06:30:00Z'), []), undefined);
  t.equal(secondsUntil(at('2026-11-14T22:00:00Z'), at('2026-11-14T21:59:59.200Z')), 1, 'rounded up');
  t.equal(secondsUntil(at('2026-11-14T22:00:00Z'), at('2026-11-14T22:00:00Z')), 1, 'never 0');
});

// Generated windows Zalando accepts, as text and as parsed; instants over several years.
const window = fc.record({
  weekday: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  start: fc.integer({ min: 0, max: 1439 }),
  length: fc.integer({ min: 0, max: 1439 }),
}).map(({ weekday, start, length }): MaintenanceWindow => ({ ...(weekday === undefined ? {} : { weekday }), start, end: Math.min(1439, start + length) }));
const windows = fc.array(window, { minLength: 1, maxLength: 4 });
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms));
const MINUTE = 60_000;

t.test('property: every window Zalando accepts reads back as written', async (t) => {
  check(t, fc.property(window, (w) => {
    const text = formatWindow(w);
    const parsed = parseWindow(text);
    if (typeof parsed === 'string' || formatWindow(parsed) !== text) throw new Error(`${text} read as ${JSON.stringify(parsed)}`);
    // The same window with its ends swapped is refused unless they are equal.
    const swapped = parseWindow(`${text.slice(0, -11)}${text.slice(-5)}-${text.slice(-11, -6)}`);
    if ((typeof swapped === 'string') !== (w.end > w.start)) throw new Error(`${text} swapped: ${JSON.stringify(swapped)}`);
  }));
});

t.test('property: an everyday window is the same as one on each of the seven days', async (t) => {
  check(t, fc.property(window, instant, (w, now) => {
    const { weekday: _, ...daily } = w;
    const weekly = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ ...daily, weekday }));
    return inWindow(now, [daily]) === inWindow(now, weekly)
      && nextWindowStart(now, [daily])!.getTime() === nextWindowStart(now, weekly)!.getTime();
  }));
});

t.test('property: the same answers a week later (the week wraps)', async (t) => {
  check(t, fc.property(windows, instant, (ws, now) => {
    const later = new Date(now.getTime() + 7 * 24 * 60 * MINUTE);
    return inWindow(later, ws) === inWindow(now, ws)
      && nextWindowStart(later, ws)!.getTime() - nextWindowStart(now, ws)!.getTime() === 7 * 24 * 60 * MINUTE;
  }));
});

t.test('property: the next start opens a window, within a week, and no minute before it since the last one is in one', async (t) => {
  check(t, fc.property(windows, instant, (ws, now) => {
    const next = nextWindowStart(now, ws)!;
    const wait = next.getTime() - now.getTime();
    if (!(wait > 0 && wait <= 7 * 24 * 60 * MINUTE)) return false;
    if (next.getTime() % MINUTE !== 0 || !inWindow(next, ws)) return false;
    // Every minute boundary strictly between now and the next start: a window holding there began earlier, so it must cover `now` too.
    for (let t = Math.ceil((now.getTime() + 1) / MINUTE) * MINUTE; t < next.getTime(); t += MINUTE) {
      if (inWindow(new Date(t), ws) && !inWindow(new Date(t - MINUTE), ws)) return false;
    }
    // Outside every window the wait ends in one; seconds for resyncAfterSeconds never undershoot it.
    return inWindow(now, ws) || secondsUntil(next, now) * 1000 >= wait;
  }));
});

t.test('property: in a window exactly on its day between its start and end minute', async (t) => {
  check(t, fc.property(window, instant, (w, now) => {
    const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
    const onDay = w.weekday === undefined || w.weekday === now.getUTCDay();
    return inWindow(now, [w]) === (onDay && w.start <= minute && minute <= w.end);
  }));
});

t.test('windowEnd: the first minute outside, across windows that meet', async (t) => {
  const saturday = [{ weekday: 6, start: 22 * 60, end: 23 * 60 + 59 }];
  t.same(windowEnd(at('2026-11-14T22:30:00Z'), saturday), at('2026-11-15T00:00:00Z'));
  t.same(windowEnd(at('2026-11-14T22:30:00Z'), [...saturday, { weekday: 0, start: 0, end: 60 }]), at('2026-11-15T01:01:00Z'), 'into Sunday\'s window');
  t.same(windowEnd(at('2026-11-14T01:00:00Z'), [{ start: 60, end: 120 }, { start: 100, end: 180 }]), at('2026-11-14T03:01:00Z'), 'overlapping windows');
  t.equal(windowEnd(at('2026-11-14T21:59:59Z'), saturday), undefined, 'outside every window');
  t.equal(windowEnd(at('2026-11-14T12:00:00Z'), [{ start: 0, end: 1439 }]), undefined, 'a window all day every day never closes');
});

t.test('property: inside a window until windowEnd, outside at it', async (t) => {
  check(t, fc.property(windows, instant, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (ws, now, fraction) => {
    const end = windowEnd(now, ws);
    // No end: outside now, or inside at every minute of the week.
    if (end === undefined) return !inWindow(now, ws) || Array.from({ length: 7 * 24 * 60 }, (_, m) => new Date(now.getTime() + m * MINUTE)).every((m) => inWindow(m, ws));
    const between = new Date(now.getTime() + Math.floor(fraction * (end.getTime() - now.getTime())));
    return inWindow(now, ws) && inWindow(between, ws) && !inWindow(end, ws);
  }));
});
