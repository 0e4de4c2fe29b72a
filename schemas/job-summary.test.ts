import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { boundedMessage, endWithSummary, SUMMARY_MESSAGE_BYTES, summaryLine, summaryMessageOf, terminationLogOf } from './job-summary.js';

t.test('a message is cut to its byte budget at a character boundary, and marked', async (t) => {
  t.equal(boundedMessage('short'), 'short');
  const cut = boundedMessage('é'.repeat(SUMMARY_MESSAGE_BYTES));
  t.ok(Buffer.byteLength(cut) <= SUMMARY_MESSAGE_BYTES);
  t.ok(cut.endsWith('…'));
  t.notOk(cut.includes('\uFFFD'), 'no character is split');
  const emoji = boundedMessage('😀'.repeat(SUMMARY_MESSAGE_BYTES));
  t.ok(/^(😀)+…$/u.test(emoji), 'surrogate pairs stay whole');
});

t.test('the summary message is read from the last summary line of a termination message or log tail', async (t) => {
  const line = summaryLine({ outcome: 'failed', message: 'patch refused: storage class does not allow expansion' });
  t.equal(summaryMessageOf(line), 'patch refused: storage class does not allow expansion');
  const tail = ['{"action":"patch","status":"failed"}', '{"summary":{"message":"first"}}', line, 'Error: boom', '    at main (/app/x.js:1:1)', '{"summary": {"mess'].join('\n');
  t.equal(summaryMessageOf(tail), 'patch refused: storage class does not allow expansion', 'stack traces and a cut line are skipped');
  t.equal(summaryMessageOf('Error: boom\n    at x'), undefined, 'a crash without a summary says nothing');
  t.equal(summaryMessageOf('{"summary":{"message":42}}\nnull'), undefined);
  const long = summaryMessageOf(`{"summary":{"message":${JSON.stringify('x'.repeat(5000))}}}`) ?? '';
  t.equal(Buffer.byteLength(long), SUMMARY_MESSAGE_BYTES, 'a long message read back is bounded too');
});

t.test('--termination-log is found in either form, whatever else the command line holds', async (t) => {
  t.equal(terminationLogOf(['--state', 'x', '--termination-log', '/dev/termination-log', '--bogus']), '/dev/termination-log');
  t.equal(terminationLogOf(['--termination-log=/tmp/t']), '/tmp/t');
  t.equal(terminationLogOf(['--state', 'x']), undefined);
});

t.test('the summary is written as the termination message and printed last; a failed write is said first', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pgmc-summary-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  const line = summaryLine({ outcome: 'done', message: 'ok' });
  endWithSummary((l) => lines.push(l), join(dir, 'log'), line);
  t.same(lines, [line]);
  t.equal(readFileSync(join(dir, 'log'), 'utf8'), line);
  lines.length = 0;
  endWithSummary((l) => lines.push(l), join(dir, 'missing', 'log'), line);
  t.equal(lines.length, 2);
  t.match(JSON.parse(lines[0]!), { warning: /cannot write the termination message to .*ENOENT/ });
  t.equal(lines[1], line, 'the summary stays the last line');
  lines.length = 0;
  endWithSummary((l) => lines.push(l), undefined, line);
  t.same(lines, [line], 'without a path only the line');
});
