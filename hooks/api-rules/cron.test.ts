import t from 'tap';
import { cronSchedule } from './cron.js';

t.test('schedules the API server accepts', async (t) => {
  for (const schedule of [
    '30 00 * * *', '*/5 * * * *', '0 3 * * 1-5', '0 0 1 jan *', '0 0 * * MON-fri', '15 2 1,15 * ?', '5-50/5 * * * *',
    '5/10 * * * *', '0 0 * * 0', '59 23 31 12 6', '0 0 1,,15 * *', '+5 * * * *', '*/61 * * * *', '007 * * * *',
    '0\t0  *\n* *', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m',
    '@every 1.5h', '@every .5s', '@every 0', '@every 300ms', '@every 2µs',
  ]) t.same(cronSchedule(schedule), [], `accepts ${JSON.stringify(schedule)}`);
});

t.test('schedules the API server refuses, with the reason', async (t) => {
  const cases: Array<[string, RegExp]> = [
    ['60 * * * *', /minute 60 is above the maximum 59/],
    ['* 24 * * *', /hour 24 is above the maximum 23/],
    ['* * 0 * *', /day of month 0 is below the minimum 1/],
    ['* * 32 * *', /day of month 32 is above/],
    ['* * * 13 *', /month 13 is above/],
    ['* * * * 7', /day of week 7 is above the maximum 6/],
    ['5-3 * * * *', /starts after it ends/],
    ['*/0 * * * *', /step .* must be positive/],
    ['1-2-3 * * * *', /too many hyphens/],
    ['*//2 * * * *', /too many slashes/],
    ['*/-12 * * * *', /negative number -12/],
    ['x * * * *', /"x" is not a number/],
    ['0 0 * jan-x *', /"x" is not a number/],
    ['0 0 * * jan', /"jan" is not a number/],
    ['0 0 * * constructor', /not a number/],
    ['99999999999999999999 * * * *', /out of range/],
    ['* * * *', /exactly 5 fields .* found 4/],
    ['0 * * * * *', /found 6/],
    ['', /must not be empty/],
    ['@reboot', /unknown descriptor/],
    ['@daily ', /unknown descriptor/],
    [' @daily', /found 1/],
    ['@every Xm', /not a Go duration/],
    ['@every 1', /not a Go duration/],
    ['@every 1d', /not a Go duration/],
    ['@every  1h', /not a Go duration/],
    ['@every 9999999999h', /not a Go duration/],
    ['TZ=UTC 0 0 * * *', /TZ or CRON_TZ/],
    ['CRON_TZ=Europe/Berlin 0 0 * * *', /TZ or CRON_TZ/],
  ];
  for (const [schedule, reason] of cases) t.match(cronSchedule(schedule), [reason], `refuses ${JSON.stringify(schedule)}`);
});

t.test('a star range ignores what follows the hyphen, as robfig/cron does', async (t) => {
  t.same(cronSchedule('*-anything * * * *'), []);
});
