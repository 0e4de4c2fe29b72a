import t from 'tap';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import type { OperatorConfig } from '../../schemas/config.js';
import { buildStatefulSet } from '../children/statefulset.js';
import { Observed } from '../observed.js';
import { clusterWith, inputs } from '../../test/support.js';
import { podTemplateHash } from './template-hash.js';

const noEnvironment = { fromSecret: [], fromConfigMap: [], missing: [] };

function hashOf(spec: Partial<PostgresSpec> = {}, config: Partial<OperatorConfig> = {}, parentLabels: Record<string, string> = {}): string {
  const cluster = { ...clusterWith(spec), labels: parentLabels };
  const { statefulSet } = buildStatefulSet(cluster, inputs(config).config, new Observed({}), noEnvironment);
  const annotation = statefulSet.spec?.template.metadata?.annotations?.['postgres-metacontroller.io/pod-template-hash'];
  t.equal(annotation, podTemplateHash(statefulSet.spec!.template), 'the template carries the hash of itself');
  return annotation!;
}

const base = hashOf();

t.test('differences that need a new pod change the hash', async (t) => {
  const changes: Array<[string, Partial<PostgresSpec>, Partial<OperatorConfig>?]> = [
    ['image', { dockerImage: 'ghcr.io/zalando/spilo-18:4.1-p3' }],
    ['resources', { resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }],
    ['env', { env: [{ name: 'CUSTOM', value: '1' }] }],
    ['a local parameter in SPILO_CONFIGURATION', { postgresql: { version: '18', parameters: { shared_buffers: '1GB' } } }],
    ['pg_hba (Spilo writes it locally too)', { patroni: { pg_hba: ['local all all trust'] } }],
    ['PostgreSQL version', { postgresql: { version: '17' } }],
    ['liveness probe', {}, { liveness_probe: { httpGet: { path: '/liveness', port: 8008 }, periodSeconds: 10 } } as Partial<OperatorConfig>],
    ['readiness probe', {}, { enable_readiness_probe: true }],
    ['additional volume and its mount', { additionalVolumes: [{ name: 'extra', mountPath: '/extra', volumeSource: { emptyDir: {} } }] } as Partial<PostgresSpec>],
    ['tolerations', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] } as Partial<PostgresSpec>],
    ['node affinity', { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } } as Partial<PostgresSpec>],
    ['priority class', { podPriorityClassName: 'critical' }],
    ['pod security context', { spiloFSGroup: 103 }],
    ['sidecar', { sidecars: [{ name: 'exporter', image: 'exporter:1' }] } as Partial<PostgresSpec>],
    ['init container', { initContainers: [{ name: 'prepare', image: 'busybox:1' }] } as Partial<PostgresSpec>],
    ['service account', {}, { pod_service_account_name: 'other' }],
    ['termination grace period', {}, { pod_terminate_grace_period: '10m' }],
  ];
  for (const [what, spec, config] of changes) t.not(hashOf(spec, config), base, what);
});

t.test('differences that need no new pod leave the hash as it is', async (t) => {
  const same: Array<[string, Partial<PostgresSpec>, Partial<OperatorConfig>?, Record<string, string>?]> = [
    ['a DCS parameter', { postgresql: { version: '18', parameters: { max_connections: '200', work_mem: '8MB' } } }],
    ['Patroni timing and lag', { patroni: { ttl: 40, loop_wait: 5, retry_timeout: 15, maximum_lag_on_failover: 1048576 } }],
    ['synchronous mode and slots', { patroni: { synchronous_mode: true, slots: { s: { type: 'physical' } } } }],
    ['failsafe mode', { patroni: { failsafe_mode: true } }],
    ['pod annotations', { podAnnotations: { 'example.com/owner': 'me' } }],
    ['inherited labels', {}, { inherited_labels: ['environment'] }, { environment: 'prod' }],
    ['the instance count', { numberOfInstances: 5 }],
  ];
  for (const [what, spec, config, labels] of same) t.equal(hashOf(spec, config, labels), base, what);
});

t.test('a SPILO_CONFIGURATION that is not JSON is hashed as it is', async (t) => {
  const template = (value: string) => ({ spec: { containers: [{ name: 'postgres', env: [{ name: 'SPILO_CONFIGURATION', value }] }] } });
  t.not(podTemplateHash(template('not json')), podTemplateHash(template('not json either')));
  t.equal(podTemplateHash(template('{"bootstrap":{"dcs":{"ttl":30}}}')), podTemplateHash(template('{"bootstrap":{"dcs":{"ttl":40}}}')));
});
