// Which Event the logical backup's sidecar records for which state of its pod.
import fc from 'fast-check';
import t from 'tap';
import { LOG_TAIL_BYTES, planEnd, planStart, quotedLog, tailOf, type ContainerView, type OwnPod, type Watch } from './plan.js';

const scheduled: Watch = { self: 'backup-events', container: 'logical-backup', origin: { cronJob: 'logical-backup-acid' } };
const onDemand: Watch = { ...scheduled, origin: { requestId: 'before-migration-1' } };
const RUN = 'the logical backup Job logical-backup-acid-29919075 (pod logical-backup-acid-29919075-x7k2p, scheduled by CronJob logical-backup-acid)';

function pod(backup: ContainerView | undefined, change: Partial<OwnPod> = {}): OwnPod {
  return {
    name: 'logical-backup-acid-29919075-x7k2p',
    job: 'logical-backup-acid-29919075',
    deleting: false,
    sidecars: ['backup-events'],
    containers: { 'backup-events': { state: 'running', restartCount: 0 }, ...(backup ? { 'logical-backup': backup } : {}) },
    ...change,
  };
}
const running: ContainerView = { state: 'running', restartCount: 0 };

t.test('a native sidecar records the start, naming the Job, its pod and what started it', async (t) => {
  t.same(planStart(pod(running), scheduled), { run: true, event: { type: 'Normal', reason: 'LogicalBackupStarted', note: `${RUN} started` } });
  const start = planStart(pod(running, { job: 'acid-logical-backup-1a2b3c4d5e' }), onDemand);
  t.match(start, { run: true, event: { note: 'the logical backup Job acid-logical-backup-1a2b3c4d5e (pod logical-backup-acid-29919075-x7k2p, on demand, request before-migration-1) started' } });
});

t.test('a sidecar the kubelet restarted runs on without a second start', async (t) => {
  t.same(planStart(pod(running, { containers: { 'backup-events': { state: 'running', restartCount: 2 } } }), scheduled), { run: true });
});

t.test('as a plain init container (restartPolicy dropped) it does not run: the backup must not wait for it', async (t) => {
  const start = planStart(pod(undefined, { sidecars: [] }), scheduled);
  t.equal(start.run, false);
  t.match(start, { reason: /not a native sidecar.*1\.29.*runs without Events/ });
  t.equal(planStart(pod(running, { sidecars: ['other'] }), scheduled).run, false, 'another sidecar is not this one');
});

t.test('exit 0 is LogicalBackupSucceeded', async (t) => {
  t.same(planEnd(pod({ state: 'terminated', restartCount: 0, exitCode: 0, reason: 'Completed' }), scheduled, false), {
    wait: false, outcome: 'succeeded', event: { type: 'Normal', reason: 'LogicalBackupSucceeded', note: `${RUN} succeeded` },
  });
});

t.test('another exit code is a LogicalBackupFailed Warning with the code, the reason and the log\'s tail', async (t) => {
  const message = '+ aws s3 cp - s3://bucket/x.sql.gz --sse=AES256\nupload failed: An error occurred (AccessDenied)\n+ set +x\n';
  t.same(planEnd(pod({ state: 'terminated', restartCount: 0, exitCode: 1, reason: 'Error', message }), scheduled, false), {
    wait: false, outcome: 'failed',
    event: { type: 'Warning', reason: 'LogicalBackupFailed', note: `${RUN} failed: exit code 1 (Error): upload failed: An error occurred (AccessDenied)` },
  });
  t.match(planEnd(pod({ state: 'terminated', restartCount: 0, exitCode: 137, reason: 'OOMKilled' }), scheduled, false), {
    event: { note: `${RUN} failed: exit code 137 (OOMKilled)` },
  }, 'without a message, the code and reason alone');
  t.match(planEnd(pod({ state: 'terminated', restartCount: 0, exitCode: 143, reason: 'Error' }, { deleting: true }), scheduled, false), {
    event: { reason: 'LogicalBackupFailed', note: /failed while the pod was being deleted: exit code 143 \(Error\)$/ },
  });
});

t.test('until the end is in the pod\'s status it waits; past the deadline the outcome is unknown', async (t) => {
  t.same(planEnd(pod(running), scheduled, false), { wait: true, state: 'running' });
  t.same(planEnd(undefined, scheduled, false), { wait: true, state: 'pod not read' });
  t.same(planEnd(pod(undefined), scheduled, false), { wait: true, state: 'not reported' });
  t.same(planEnd(pod(running), scheduled, true), {
    wait: false, outcome: 'unknown',
    event: { type: 'Warning', reason: 'LogicalBackupOutcomeUnknown', note: `${RUN}: container logical-backup had not ended in the pod's status (running) when the sidecar had to stop; the Job's status tells` },
  });
  t.match(planEnd(undefined, scheduled, true), { outcome: 'unknown', event: { note: /^the logical backup Job: its pod could not be read/ } });
  t.match(planEnd(pod({ state: 'terminated', restartCount: 0, exitCode: 0 }), scheduled, true), { outcome: 'succeeded' }, 'an end found at the deadline still counts');
});

t.test('the quoted log leaves out the shell\'s command trace, where a credential may stand', async (t) => {
  const log = ['IPv4', '+ az storage blob upload --account-key c2VjcmV0LWtleQ==', '++ estimate_size', '  + nested', 'ERROR: The specified container does not exist.', '', '+ set +x'].join('\n');
  t.equal(quotedLog(log), 'IPv4\nERROR: The specified container does not exist.');
  t.notMatch(quotedLog(log), /c2VjcmV0LWtleQ==/);
});

t.test('the log\'s tail keeps its end within the bytes allowed, at a character boundary', async (t) => {
  t.equal(tailOf('short', 10), 'short');
  t.equal(tailOf('abcdefghij', 7), '…ghij', 'the mark takes three of the seven bytes');
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 4, max: 300 }), (text, limit) => {
    const tail = tailOf(text, limit);
    if (Buffer.byteLength(text) <= limit) return tail === text;
    return Buffer.byteLength(tail) <= limit && tail.startsWith('…') && text.endsWith(tail.slice(1)) && !tail.includes('\uFFFD');
  }), { seed: 16, numRuns: 300 });
  t.ok(Buffer.byteLength(quotedLog('x'.repeat(5000))) <= LOG_TAIL_BYTES);
});
