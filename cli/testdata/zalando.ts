// A cluster as Zalando's postgres-operator (v2.0.x, its shipped default OperatorConfiguration) leaves it
// for fixtures/manifests/minimal.yaml, read back from the API server: written from the object shapes in
// /work/shared/reference/zalando-objects.md (section numbers below), not from our builders, with what the
// API server adds (uid, resourceVersion, generation, managedFields, defaults, status) and what Kubernetes
// and Patroni make beside it (pods, Endpoints of the Services, Patroni's ConfigMaps).
import type { KubeObject } from '../../schemas/hook.js';
import { loadManifest } from '../../fixtures/requests.js';

const NAME = 'acid-minimal-cluster';
const NAMESPACE = 'default';
export const ZALANDO_PARENT_UID = '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const STATEFULSET_UID = '6a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';
const CREATED = '2025-06-01T08:00:00Z';

/** The object literals carry server metadata the open KubeObject type does not list. */
const object = (value: Record<string, unknown>) => value as unknown as KubeObject;
const b64 = (text: string) => Buffer.from(text).toString('base64');
/** §1.3: base = cluster_labels + cluster_name_label; full = base + team. */
const base = { application: 'spilo', 'cluster-name': NAME };
const full = { ...base, team: 'acid' };

let serial = 0;
function server(name: string, manager = 'postgres-operator', extra: Record<string, unknown> = {}) {
  serial += 1;
  return {
    name, namespace: NAMESPACE, uid: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    resourceVersion: String(5000 + serial), creationTimestamp: CREATED,
    managedFields: [{ manager, operation: 'Update', apiVersion: 'v1', time: CREATED, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} } }],
    ...extra,
  };
}

function secretKeyRef(name: string) {
  return { secretKeyRef: { name: `${name}.${NAME}.credentials.postgresql.acid.zalan.do`, key: 'password' } };
}

/** §2.6, the default-configuration example for the minimal manifest, in Zalando's order. */
const SPILO_ENV = [
  { name: 'SCOPE', value: NAME },
  { name: 'PGROOT', value: '/home/postgres/pgdata/pgroot' },
  { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
  { name: 'PGUSER_SUPERUSER', value: 'postgres' },
  { name: 'KUBERNETES_SCOPE_LABEL', value: 'cluster-name' },
  { name: 'KUBERNETES_ROLE_LABEL', value: 'spilo-role' },
  { name: 'PGPASSWORD_SUPERUSER', valueFrom: secretKeyRef('postgres') },
  { name: 'PGUSER_STANDBY', value: 'standby' },
  { name: 'PGPASSWORD_STANDBY', valueFrom: secretKeyRef('standby') },
  { name: 'PAM_OAUTH2', value: 'https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees' },
  { name: 'HUMAN_ROLE', value: 'zalandos' },
  { name: 'PGVERSION', value: '18' },
  { name: 'KUBERNETES_LABELS', value: '{"application":"spilo"}' },
  { name: 'SPILO_CONFIGURATION', value: '{"postgresql":{},"bootstrap":{"initdb":[{"auth-host":"scram-sha-256"},{"auth-local":"trust"}],"dcs":{"failsafe_mode":false}}}' },
  { name: 'DCS_ENABLE_KUBERNETES_API', value: 'true' },
  { name: 'KUBERNETES_BOOTSTRAP_LABELS', value: '{"critical-operation":"true"}' },
  { name: 'KUBERNETES_USE_CONFIGMAPS', value: 'true' },
];

function statefulSet(): KubeObject {
  return object({
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { ...server(NAME), uid: STATEFULSET_UID, generation: 1, labels: full },
    spec: {
      replicas: 2, revisionHistoryLimit: 10, minReadySeconds: 0,
      selector: { matchLabels: base }, serviceName: NAME, podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'OnDelete' },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { creationTimestamp: null, labels: full },
        spec: {
          containers: [{
            name: 'postgres', image: 'ghcr.io/zalando/spilo-18:4.1-p2', imagePullPolicy: 'IfNotPresent',
            ports: [{ containerPort: 8008, protocol: 'TCP' }, { containerPort: 5432, protocol: 'TCP' }, { containerPort: 8080, protocol: 'TCP' }],
            // §2.5 with the shipped defaults 100m / 100Mi / 1 / 500Mi.
            resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '1', memory: '500Mi' } },
            env: SPILO_ENV,
            volumeMounts: [{ name: 'pgdata', mountPath: '/home/postgres/pgdata' }, { name: 'dshm', mountPath: '/dev/shm' }],
            securityContext: { allowPrivilegeEscalation: true, privileged: false, readOnlyRootFilesystem: false },
            terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          }],
          restartPolicy: 'Always', terminationGracePeriodSeconds: 300, dnsPolicy: 'ClusterFirst',
          serviceAccountName: 'postgres-pod', serviceAccount: 'postgres-pod', securityContext: {}, schedulerName: 'default-scheduler',
          volumes: [{ name: 'dshm', emptyDir: { medium: 'Memory' } }],
        },
      },
      volumeClaimTemplates: [{
        apiVersion: 'v1', kind: 'PersistentVolumeClaim',
        metadata: { name: 'pgdata', creationTimestamp: null, labels: full },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      }],
    },
    status: {
      observedGeneration: 1, replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 2,
      currentRevision: `${NAME}-7c9f8d6b5`, updateRevision: `${NAME}-7c9f8d6b5`, collisionCount: 0,
    },
  });
}

/** §3.2 in ConfigMap mode (the v2 default): both Services select pods by role. */
function service(role: 'master' | 'replica'): KubeObject {
  const name = role === 'master' ? NAME : `${NAME}-repl`;
  return object({
    apiVersion: 'v1', kind: 'Service',
    metadata: { ...server(name), labels: { ...full, 'spilo-role': role } },
    spec: {
      type: 'ClusterIP', ports: [{ name: 'postgresql', port: 5432, protocol: 'TCP', targetPort: 5432 }],
      selector: { ...base, 'spilo-role': role },
      clusterIP: role === 'master' ? '10.96.12.34' : '10.96.12.35', clusterIPs: [role === 'master' ? '10.96.12.34' : '10.96.12.35'],
      ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  });
}

/** Kubernetes' Endpoints of a selector Service: the Service's labels copied, no owner. */
function endpoints(role: 'master' | 'replica', ip: string): KubeObject {
  const name = role === 'master' ? NAME : `${NAME}-repl`;
  return object({
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { ...server(name, 'kube-controller-manager'), labels: { ...full, 'spilo-role': role }, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': CREATED } },
    subsets: [{ addresses: [{ ip }], ports: [{ name: 'postgresql', port: 5432, protocol: 'TCP' }] }],
  });
}

/** §4.1: create-only Secrets with username and password. */
function secret(user: string, password: string): KubeObject {
  return object({
    apiVersion: 'v1', kind: 'Secret',
    metadata: { ...server(`${user.replaceAll('_', '-')}.${NAME}.credentials.postgresql.acid.zalan.do`), labels: full },
    type: 'Opaque',
    data: { username: b64(user), password: b64(password) },
  });
}

/** §5. */
function budgets(): KubeObject[] {
  return [
    object({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
      metadata: { ...server(`postgres-${NAME}-pdb`), generation: 1, labels: full },
      spec: { minAvailable: 1, selector: { matchLabels: { ...base, 'spilo-role': 'master' } } },
      status: { currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0, expectedPods: 1, observedGeneration: 1 },
    }),
    object({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
      metadata: { ...server(`postgres-${NAME}-critical-op-pdb`), generation: 1, labels: full },
      spec: { maxUnavailable: 0, selector: { matchLabels: { ...base, 'critical-operation': 'true' } } },
      status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0, observedGeneration: 1 },
    }),
  ];
}

function pod(ordinal: number, role: 'master' | 'replica', ip: string): KubeObject {
  const name = `${NAME}-${ordinal}`;
  return object({
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      ...server(name, 'kube-controller-manager'),
      labels: { ...full, 'spilo-role': role, 'controller-revision-hash': `${NAME}-7c9f8d6b5`, 'statefulset.kubernetes.io/pod-name': name },
      annotations: { status: `{"conn_url":"postgres://${ip}:5432/postgres","api_url":"http://${ip}:8008/patroni","state":"running","role":"${role}"}` },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: NAME, uid: STATEFULSET_UID, controller: true, blockOwnerDeletion: true }],
    },
    spec: (statefulSet().spec as { template: { spec: object } }).template.spec,
    status: {
      phase: 'Running', podIP: ip,
      conditions: [{ type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }],
      containerStatuses: [{ name: 'postgres', ready: true, restartCount: ordinal, started: true }],
    },
  });
}

/** §3.5: Patroni's DCS ConfigMaps, labelled with KUBERNETES_LABELS and the scope label. */
function patroniConfigMap(suffix: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...server(`${NAME}-${suffix}`, 'patroni'), labels: base, annotations: { leader: `${NAME}-0` } } };
}

export function zalandoParent() {
  const manifest = loadManifest('minimal');
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata, uid: ZALANDO_PARENT_UID, generation: 1, resourceVersion: '4999', creationTimestamp: CREATED,
      managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'acid.zalan.do/v1', time: CREATED, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }],
    },
    status: { PostgresClusterStatus: 'Running' },
  };
}

/** `kubectl get postgresql,all,secret,pdb,endpoints,configmap -l cluster-name=acid-minimal-cluster -o json`. */
export function zalandoCluster(): { apiVersion: 'v1'; kind: 'List'; items: KubeObject[] } {
  serial = 0;
  return {
    apiVersion: 'v1', kind: 'List',
    items: [
      zalandoParent() as KubeObject,
      statefulSet(), service('master'), service('replica'),
      endpoints('master', '10.244.0.11'), endpoints('replica', '10.244.0.12'),
      secret('postgres', 'SuperUserPasswordFromZalando0000000000000000000000000000000000'),
      secret('standby', 'ReplicationPasswordFromZalando00000000000000000000000000000000'),
      secret('zalando', 'ZalandoUserPasswordFromZalando00000000000000000000000000000000'),
      secret('foo_user', 'FooUserPasswordFromZalando0000000000000000000000000000000000000'),
      ...budgets(),
      pod(0, 'master', '10.244.0.11'), pod(1, 'replica', '10.244.0.12'),
      patroniConfigMap('leader'), patroniConfigMap('config'), patroniConfigMap('failover'),
    ],
  };
}
