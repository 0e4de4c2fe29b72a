import t from 'tap';
import { patroniBoolean, patroniInteger } from './patroni-values.js';

t.test('integers are read as strtol(3) with base 0 reads them, rounding halves to even', async (t) => {
  t.equal(patroniInteger(' 25 '), 25);
  t.equal(patroniInteger('0x19'), 25);
  t.equal(patroniInteger('030'), 24, 'a leading zero means octal');
  t.equal(patroniInteger('-5'), -5);
  t.equal(patroniInteger('25.5'), 26);
  t.equal(patroniInteger('24.5'), 24);
  t.equal(patroniInteger('2.5e1'), 25);
  t.equal(patroniInteger('.5'), 0);
  t.equal(patroniInteger('lots'), undefined);
  t.equal(patroniInteger('25 connections'), undefined, 'a unit needs a base unit');
});

t.test('memory values are converted to the base unit', async (t) => {
  t.equal(patroniInteger('16MB', 'MB'), 16);
  t.equal(patroniInteger('1GB', 'MB'), 1024);
  t.equal(patroniInteger('16 MB', 'MB'), 16);
  t.equal(patroniInteger('16383kB', 'MB'), 16, 'rounded like Patroni');
  t.equal(patroniInteger('15MB', 'MB'), 15);
  t.equal(patroniInteger('16mb', 'MB'), undefined, 'units are case-sensitive');
  t.equal(patroniInteger('16', 'MB'), 16, 'no unit: the number as is');
});

t.test('booleans are the eight words Patroni knows', async (t) => {
  t.same(['on', 'TRUE', 'yes', '1'].map(patroniBoolean), [true, true, true, true]);
  t.same(['off', 'False', 'NO', '0'].map(patroniBoolean), [false, false, false, false]);
  t.same(['t', 'of', ''].map(patroniBoolean), [undefined, undefined, undefined], 'PostgreSQL would take these, Patroni does not');
});
