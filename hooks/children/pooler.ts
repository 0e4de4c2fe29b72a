// The PgBouncer connection pooler (zalando-objects.md §7): per enabled role a Deployment, a Service
// and the `-u` auth-file Secret; beyond Zalando, soft topology spread and a PodDisruptionBudget when
// there is more than one instance. The pooler user's own Secret comes from the credentials builder.
import { hash } from 'node:crypto';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { OperatorConfig } from '../../schemas/config.js';
import { b64, unb64 } from '../base64.js';
import { fullLabels, inheritedAnnotations, objectMeta, podAnnotations, propagatedAnnotations, withRole, type Cluster } from '../cluster.js';
import { compact, nonEmptyList, sorted, type StringMap } from '../maps.js';
import { annotationKeys, ChildKind, labelKeys, names, spilo, type Role } from '../names.js';
import type { Observed } from '../observed.js';
import { fromSecret, literal, type EnvVar } from '../pod/env-list.js';
import { terminationGracePeriodSeconds } from '../pod/pod-spec.js';
import { affinity, nodeAffinity, tolerations } from '../pod/scheduling.js';
import { tlsPaths } from '../pod/tls.js';
import { tlsVolumes } from '../pod/volumes.js';
import { poolerResources } from '../resources.js';
import { isPoolerEnabled, type Role as DbRole } from '../roles/model.js';
import { poolerSelectorLabels, poolerSettings, poolSizes, type PoolerSettings } from '../pooler-settings.js';
import { isHibernated } from '../switches.js';
import { keepObservedSelector, selectorChanged } from './selector.js';
import { dnsName, roleExposure, serviceAnnotations, serviceSpecFields } from './services.js';

const POOLER_CONTAINER = 'connection-pooler';
const USERLIST_KEY = 'userlist.txt';
// The pgbouncer image runs as this user and group.
const POOLER_UID = 100;
const POOLER_GID = 101;
const MAX_CLIENT_CONNECTIONS = 10000;

/** Pods of a pooler Deployment: the configured count, at least one (the pool sizes use the raw count). */
function replicas(settings: PoolerSettings): number {
  return Math.max(1, settings.instances);
}

function objectLabels(cluster: Cluster, config: OperatorConfig, role: Role): StringMap {
  return withRole({ ...fullLabels(cluster, config), ...poolerSelectorLabels(cluster, config, role) }, config, role);
}

function environment(cluster: Cluster, config: OperatorConfig, role: Role, settings: PoolerSettings, infrastructure: string[]): EnvVar[] {
  const secret = names.credentialSecret(settings.user, cluster.name, config);
  const sizes = poolSizes(settings);
  const tls = tlsPaths(cluster.spec);
  return [
    literal('PGHOST', names.service(cluster.name, role)),
    literal('PGPORT', String(spilo.postgresPort)),
    fromSecret('PGUSER', secret, 'username'),
    literal('PGSCHEMA', settings.schema),
    fromSecret('PGPASSWORD', secret, 'password'),
    literal('CONNECTION_POOLER_PORT', String(spilo.postgresPort)),
    literal('CONNECTION_POOLER_MODE', settings.mode),
    literal('CONNECTION_POOLER_DEFAULT_SIZE', String(sizes.defaultSize)),
    literal('CONNECTION_POOLER_MIN_SIZE', String(sizes.minSize)),
    literal('CONNECTION_POOLER_RESERVE_SIZE', String(sizes.reserveSize)),
    literal('CONNECTION_POOLER_MAX_CLIENT_CONN', String(MAX_CLIENT_CONNECTIONS)),
    literal('CONNECTION_POOLER_MAX_DB_CONN', String(sizes.maxDbConnections)),
    ...(infrastructure.length > 0 ? [literal('INFRASTRUCTURE_ROLES', infrastructure.join(','))] : []),
    ...(tls
      ? [
        literal('CONNECTION_POOLER_CLIENT_TLS_CRT', tls.certificate),
        literal('CONNECTION_POOLER_CLIENT_TLS_KEY', tls.privateKey),
        ...(tls.ca ? [literal('CONNECTION_POOLER_CLIENT_CA_FILE', tls.ca)] : []),
      ]
      : []),
  ];
}

/** Pooler pods spread softly over zones and nodes: never a reason to stay unscheduled. */
function topologySpread(selector: StringMap) {
  return ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
    maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway' as const, labelSelector: { matchLabels: selector },
  }));
}

/**
 * The auth file is mounted by subPath, which the kubelet never refreshes: the pods restart when the credentials in it
 * change, through their hash in the pod template. The Deployment records the hash it was last answered with. One
 * taken over from Zalando's operator has neither: its pods keep running (taking it over restarts nothing), and the
 * hash enters its template once the credentials differ from those recorded at the takeover.
 */
function credentialsInTemplate(current: IDeployment | undefined, hash: string): boolean {
  if (!current) return true;
  if (current.spec?.template?.metadata?.annotations?.[annotationKeys.poolerCredentials] !== undefined) return true;
  const recorded = current.metadata?.annotations?.[annotationKeys.poolerCredentials];
  return recorded !== undefined && recorded !== hash;
}

function deployment(
  cluster: Cluster, config: OperatorConfig, role: Role, settings: PoolerSettings, infrastructure: string[], authSecret: ISecret, current: IDeployment | undefined,
): IDeployment {
  const name = names.pooler(cluster.name, role);
  const labels = objectLabels(cluster, config, role);
  const selector = poolerSelectorLabels(cluster, config, role);
  const tls = tlsVolumes(cluster.spec);
  const credentials = hash('sha256', JSON.stringify(authSecret.data), 'hex').slice(0, 16);
  const recorded = { [annotationKeys.poolerCredentials]: credentials };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(cluster, name, labels, sorted({ ...(propagatedAnnotations(cluster, config) ?? {}), ...recorded })),
    spec: {
      replicas: isHibernated(cluster.annotations) ? 0 : replicas(settings),
      selector: { matchLabels: selector },
      template: {
        metadata: { labels, annotations: sorted({ ...(podAnnotations(cluster, config, false) ?? {}), ...(credentialsInTemplate(current, credentials) ? recorded : {}) }) },
        spec: compact({
          terminationGracePeriodSeconds: terminationGracePeriodSeconds(config),
          serviceAccountName: config.pod_service_account_name,
          tolerations: tolerations(cluster.spec, config),
          securityContext: compact({ runAsUser: POOLER_UID, runAsGroup: POOLER_GID, fsGroup: cluster.spec.spiloFSGroup ?? config.spilo_fsgroup }),
          affinity: affinity(nodeAffinity(cluster.spec, config), selector, config),
          topologySpreadConstraints: topologySpread(selector),
          containers: [compact({
            name: POOLER_CONTAINER,
            image: settings.image,
            imagePullPolicy: 'IfNotPresent' as const,
            resources: poolerResources(cluster, config),
            ports: [{ containerPort: spilo.postgresPort, protocol: 'TCP' as const }],
            env: environment(cluster, config, role, settings, infrastructure),
            readinessProbe: { tcpSocket: { port: spilo.postgresPort } },
            securityContext: { allowPrivilegeEscalation: false },
            volumeMounts: [
              { name: names.poolerAuthSecret(cluster.name, role), mountPath: `/etc/pgbouncer/${USERLIST_KEY}`, subPath: USERLIST_KEY, readOnly: true },
              ...tls.map((v) => ({ name: v.name, mountPath: v.mountPath })),
            ],
          })],
          volumes: nonEmptyList([
            { name: names.poolerAuthSecret(cluster.name, role), secret: { secretName: names.poolerAuthSecret(cluster.name, role) } },
            ...tls.map((v) => ({ name: v.name, ...v.volumeSource })),
          ]),
        }),
      },
    },
  };
}

function service(cluster: Cluster, config: OperatorConfig, role: Role): IService {
  const name = names.pooler(cluster.name, role);
  const how = roleExposure(cluster, config, role, 'Pooler');
  const format = role === 'master' ? config.master_dns_name_format : config.replica_dns_name_format;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(cluster, name, poolerSelectorLabels(cluster, config, role),
      serviceAnnotations(cluster, config, role, how, () => dnsName(format, names.pooler(cluster.name, 'master'), cluster, config))),
    spec: compact({
      ...serviceSpecFields(cluster, config, how),
      ports: [compact({ name, port: spilo.postgresPort, targetPort: spilo.postgresPort, nodePort: how.nodePort })],
      selector: { [labelKeys.connectionPooler]: name },
    }),
  };
}

/** PgBouncer's auth_file syntax: both fields double-quoted, an embedded quote doubled. */
function userlistLine(user: string, password: string): string {
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  return `${quote(user)} ${quote(password)}`;
}

function authSecret(cluster: Cluster, config: OperatorConfig, role: Role, poolerSecret: ISecret | undefined, infrastructure: DbRole[]): ISecret {
  const lines = [userlistLine(unb64(poolerSecret?.data?.username) ?? '', unb64(poolerSecret?.data?.password) ?? '')];
  for (const infra of infrastructure) if (infra.password) lines.push(userlistLine(infra.name, infra.password));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: objectMeta(cluster, names.poolerAuthSecret(cluster.name, role), objectLabels(cluster, config, role), inheritedAnnotations(cluster, config)),
    type: 'Opaque',
    data: { [USERLIST_KEY]: b64(`${lines.join('\n')}\n`) },
  };
}

function budget(cluster: Cluster, config: OperatorConfig, role: Role): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: objectMeta(cluster, names.poolerPdb(cluster.name, role), objectLabels(cluster, config, role), inheritedAnnotations(cluster, config)),
    spec: { maxUnavailable: 1, selector: { matchLabels: poolerSelectorLabels(cluster, config, role) } },
  };
}

export type PoolerChild = IDeployment | IService | ISecret | IPodDisruptionBudget;

export interface PoolerResult { children: PoolerChild[]; notApplied: string[] }

/** Every pooler object for the enabled roles; the pooler user's Secret must be among `secrets`. */
export function buildPooler(cluster: Cluster, config: OperatorConfig, observed: Observed, roles: DbRole[], secrets: ISecret[]): PoolerResult {
  const settings = poolerSettings(cluster, config);
  const poolerSecretName = names.credentialSecret(settings.user, cluster.name, config);
  const poolerSecret = secrets.find((s) => s.metadata?.name === poolerSecretName);
  const infrastructure = roles.filter((r) => r.origin === 'infrastructure');
  const children: PoolerChild[] = [];
  const notApplied: string[] = [];
  for (const role of ['master', 'replica'] as const) {
    if (!isPoolerEnabled(cluster.spec, role)) continue;
    const auth = authSecret(cluster, config, role, poolerSecret, infrastructure);
    const current = observed.child<IDeployment>(ChildKind.Deployment, names.pooler(cluster.name, role));
    const desired = deployment(cluster, config, role, settings, infrastructure.map((r) => r.name), auth, current);
    if (selectorChanged(desired, current)) notApplied.push(`the selector of Deployment ${names.pooler(cluster.name, role)} changed and is not applied: a Deployment selector cannot change`);
    children.push(keepObservedSelector(desired, current), service(cluster, config, role), auth);
    if (replicas(settings) > 1 && config.enable_pod_disruption_budget) children.push(budget(cluster, config, role));
  }
  return { children, notApplied };
}
