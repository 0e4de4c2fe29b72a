import t from 'tap';
import { Problems } from './problems.js';

t.test('checkField and checkEntry report at the path the template strings spelled out', async (t) => {
  const p = new Problems();
  p.checkField('spec.template.spec.containers[0]', 'name', ['must be short', 'must be lower case']);
  p.checkField('spec.volumeClaimTemplates[1]', 'metadata.name', ['is bad']);
  p.checkEntry('metadata.labels', 'app.kubernetes.io/name', ['is bad']);
  p.checkEntry('data', 'tls.crt', ['is bad']);
  p.checkEntry('spec.externalIPs', 3, ['is bad']);
  t.same(p.list, [
    { path: 'spec.template.spec.containers[0].name', message: 'must be short' },
    { path: 'spec.template.spec.containers[0].name', message: 'must be lower case' },
    { path: 'spec.volumeClaimTemplates[1].metadata.name', message: 'is bad' },
    { path: 'metadata.labels[app.kubernetes.io/name]', message: 'is bad' },
    { path: 'data[tls.crt]', message: 'is bad' },
    { path: 'spec.externalIPs[3]', message: 'is bad' },
  ]);
});

t.test('no reason, no problem', async (t) => {
  const p = new Problems();
  p.checkField('spec', 'replicas', []);
  p.checkEntry('metadata.labels', 'team', []);
  t.same(p.list, []);
});
