// Each rule against a real generated child, broken in one place: the problem is reported at that
// field and nowhere else. Children come from the example manifests through sync().
import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject } from '../../schemas/hook.js';
import { inputs, withReadyInstances } from '../../test/support.js';
import { sync } from '../sync.js';
import { deepFreeze } from '../memo.js';
import { describeObjectProblems, MAX_DATA_BYTES, objectProblems } from './objects.js';

const complete = syncRequest(loadManifest('complete'));
const completeAnswer = sync(complete, inputs());
const children: KubeObject[] = [
  ...completeAnswer.children,
  ...sync(withReadyInstances(complete, completeAnswer), inputs()).children.filter((c) => c.kind === 'Job'),
  ...sync(complete, inputs({ kubernetes_use_configmaps: false })).children.filter((c) => c.kind === 'Endpoints'),
  ...sync(syncRequest(loadManifest('pooler')), inputs()).children.filter((c) => c.kind === 'Deployment'),
  ...sync(syncRequest(loadManifest('logical-backup')), inputs()).children.filter((c) => c.kind === 'CronJob'),
  ...sync(syncRequest(loadManifest('load-balancer')), inputs()).children.filter((c) => c.kind === 'Service'),
];

// The children are plain JSON; `any` lets each case reach into the field it breaks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Mutable = any;

function copyOf(kind: string, name?: string): Mutable {
  const found = children.find((c) => c.kind === kind && (name === undefined || c.metadata.name === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ''} among the generated children`);
  // Through JSON: builders may share one object between two places, which a structured clone would keep shared.
  return JSON.parse(JSON.stringify(found));
}

interface Case {
  rule: string;
  kind: string;
  name?: string;
  breaks: (object: Mutable) => void;
  /** Every path reported, in order. */
  paths: string[];
  message: RegExp;
}

const SPEC = 'spec.template.spec';
const POSTGRES = `${SPEC}.containers[0]`;
const SIDECAR = `${SPEC}.containers[1]`;
const longLabel = (length: number) => `a${'b'.repeat(length - 1)}`;

const cases: Case[] = [
  // metadata
  { rule: 'StatefulSet name leaves room for the revision hash', kind: 'StatefulSet', breaks: (o) => { o.metadata.name = longLabel(53); }, paths: ['metadata.name'], message: /no more than 52 characters/ },
  { rule: 'StatefulSet name is a DNS label', kind: 'StatefulSet', breaks: (o) => { o.metadata.name = 'acid.test'; }, paths: ['metadata.name'], message: /dots/ },
  { rule: 'Service name is a DNS-1035 label', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.metadata.name = '1acid'; }, paths: ['metadata.name'], message: /RFC 1035/ },
  { rule: 'Secret name is a DNS subdomain', kind: 'Secret', breaks: (o) => { o.metadata.name = 'Foo.acid-test-cluster.credentials'; }, paths: ['metadata.name'], message: /subdomain/ },
  { rule: 'Secret name at most 253 characters', kind: 'Secret', breaks: (o) => { o.metadata.name = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(73)}`; }, paths: ['metadata.name'], message: /no more than 253/ },
  { rule: 'CronJob name at most 52 characters', kind: 'CronJob', breaks: (o) => { o.metadata.name = longLabel(53); }, paths: ['metadata.name'], message: /no more than 52 characters/ },
  { rule: 'Job name is a label value for its pods', kind: 'Job', breaks: (o) => { o.metadata.name = longLabel(64); }, paths: ['metadata.name'], message: /labelled with the Job's name/ },
  { rule: 'namespace is a DNS label', kind: 'ConfigMap', breaks: (o) => { o.metadata.namespace = 'My_Namespace'; }, paths: ['metadata.namespace'], message: /RFC 1123 label/ },
  { rule: 'label keys are qualified names', kind: 'PodDisruptionBudget', breaks: (o) => { o.metadata.labels['bad key'] = 'x'; }, paths: ['metadata.labels[bad key]'], message: /name part/ },
  { rule: 'label values are label values', kind: 'StatefulSet', breaks: (o) => { o.metadata.labels.team = 'acid team'; }, paths: ['metadata.labels[team]'], message: /letters, digits/ },
  { rule: 'label values at most 63 characters', kind: 'Service', breaks: (o) => { o.metadata.labels.team = longLabel(64); }, paths: ['metadata.labels[team]'], message: /no more than 63/ },
  { rule: 'annotation keys are qualified names', kind: 'StatefulSet', breaks: (o) => { o.spec.template.metadata.annotations['example.com/a/b'] = 'x'; }, paths: ['spec.template.metadata.annotations[example.com/a/b]'], message: /one "\/"/ },
  { rule: 'annotation keys may use upper case', kind: 'Secret', breaks: (o) => { o.metadata.annotations = { 'Example.com/Owner': 'x', 'bad key': 'y' }; }, paths: ['metadata.annotations[bad key]'], message: /name part/ },
  { rule: 'annotations at most 256 KiB in all', kind: 'Service', breaks: (o) => { o.metadata.annotations = { a: 'x'.repeat(200 * 1024), b: 'é'.repeat(30 * 1024) }; }, paths: ['metadata.annotations'], message: /262144 bytes/ },

  { rule: 'pod deletion costs are int32', kind: 'StatefulSet', breaks: (o) => { o.spec.template.metadata.annotations['controller.kubernetes.io/pod-deletion-cost'] = '+10'; }, paths: ['spec.template.metadata.annotations[controller.kubernetes.io/pod-deletion-cost]'], message: /32-bit integer/ },
  { rule: 'seccomp annotations name a profile', kind: 'Deployment', breaks: (o) => { o.spec.template.metadata.annotations['seccomp.security.alpha.kubernetes.io/pod'] = 'localhost/../escape'; }, paths: ['spec.template.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]'], message: /".."/ },
  { rule: 'AppArmor annotations name a container', kind: 'StatefulSet', breaks: (o) => { o.spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/telegraf'] = 'runtime/default'; }, paths: ['spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/telegraf]'], message: /names no container/ },

  // workload specs
  { rule: 'replicas is an int32', kind: 'StatefulSet', breaks: (o) => { o.spec.replicas = 2 ** 31; }, paths: ['spec.replicas'], message: /integer between/ },
  { rule: 'replicas is not negative', kind: 'Deployment', breaks: (o) => { o.spec.replicas = -1; }, paths: ['spec.replicas'], message: /greater than or equal to 0/ },
  { rule: 'selector is not empty', kind: 'StatefulSet', breaks: (o) => { o.spec.selector = {}; }, paths: ['spec.selector'], message: /empty selector/ },
  { rule: 'selector matches the template', kind: 'Deployment', breaks: (o) => { o.spec.template.metadata.labels['connection-pooler'] = 'other'; }, paths: ['spec.template.metadata.labels'], message: /selected by spec.selector/ },
  { rule: 'selector expressions are well formed', kind: 'StatefulSet', breaks: (o) => { o.spec.selector.matchExpressions = [{ key: 'x', operator: 'DoesNotExist', values: ['y'] }]; }, paths: ['spec.selector.matchExpressions[0].values'], message: /must be empty/ },
  { rule: 'pod management policies are OrderedReady or Parallel', kind: 'StatefulSet', breaks: (o) => { o.spec.podManagementPolicy = 'Ordered'; }, paths: ['spec.podManagementPolicy'], message: /OrderedReady, Parallel/ },
  { rule: 'progress deadlines exceed minReadySeconds', kind: 'Deployment', breaks: (o) => { o.spec.minReadySeconds = 600; o.spec.progressDeadlineSeconds = 600; }, paths: ['spec.progressDeadlineSeconds'], message: /greater than minReadySeconds/ },
  { rule: 'StatefulSet pods restart Always', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.restartPolicy = 'Never'; }, paths: [`${SPEC}.restartPolicy`], message: /must be Always/ },
  { rule: 'serviceName is a label (the pods\' subdomain)', kind: 'StatefulSet', breaks: (o) => { o.spec.serviceName = 'acid.test'; }, paths: ['spec.serviceName'], message: /dots/ },
  { rule: 'claim templates request storage', kind: 'StatefulSet', breaks: (o) => { delete o.spec.volumeClaimTemplates[0].spec.resources.requests.storage; }, paths: ['spec.volumeClaimTemplates[0].spec.resources.requests.storage'], message: /required/ },
  { rule: 'claim templates request a positive size', kind: 'StatefulSet', breaks: (o) => { o.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '0Gi'; }, paths: ['spec.volumeClaimTemplates[0].spec.resources.requests.storage'], message: /greater than zero/ },
  { rule: 'rolling update cannot stall', kind: 'Deployment', breaks: (o) => { o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } }; }, paths: ['spec.strategy.rollingUpdate.maxUnavailable'], message: /may not be 0/ },

  // containers
  { rule: 'container names are DNS labels', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[1].name = 'Telegraf'; }, paths: [`${SIDECAR}.name`], message: /RFC 1123 label/ },
  { rule: 'container names are unique across init containers', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.initContainers[0].name = 'postgres'; }, paths: [`${SPEC}.initContainers[0].name`], message: /duplicates/ },
  { rule: 'container names are required', kind: 'StatefulSet', breaks: (o) => { delete o.spec.template.spec.initContainers[0].name; }, paths: [`${SPEC}.initContainers[0].name`], message: /required/ },
  { rule: 'images are required', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.initContainers[0].image = ''; }, paths: [`${SPEC}.initContainers[0].image`], message: /required/ },
  { rule: 'a pod has a container', kind: 'Job', breaks: (o) => { o.spec.template.spec.containers = []; }, paths: [`${SPEC}.containers`], message: /at least one/ },
  { rule: 'env names have no "="', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].env[0].name = 'A=B'; }, paths: [`${POSTGRES}.env[0].name`], message: /other than "="/ },
  { rule: 'env values come from one source', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].env[2].value = 'x'; }, paths: [`${POSTGRES}.env[2].valueFrom`], message: /value is not empty/ },
  { rule: 'secret keys are data keys', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef.key = 'user name'; }, paths: [`${POSTGRES}.env[2].valueFrom.secretKeyRef.key`], message: /letters, digits/ },
  { rule: 'downward API paths are known', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].env[2].valueFrom.fieldRef.fieldPath = 'status.phase'; }, paths: [`${POSTGRES}.env[2].valueFrom.fieldRef.fieldPath`], message: /must be one of/ },
  { rule: 'envFrom prefixes are env names', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].envFrom[0].prefix = 'A='; }, paths: [`${POSTGRES}.envFrom[0].prefix`], message: /other than "="/ },
  { rule: 'container ports are 1-65535', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].ports[0].containerPort = 70000; }, paths: [`${POSTGRES}.ports[0].containerPort`], message: /between 1 and 65535/ },
  { rule: 'host ports are 1-65535', kind: 'CronJob', breaks: (o) => { o.spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort = -1; }, paths: ['spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort'], message: /between 1 and 65535/ },
  { rule: 'port names are IANA service names', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[1].ports[0].name = 'metrics-endpoint1'; }, paths: [`${SIDECAR}.ports[0].name`], message: /no more than 15/ },
  { rule: 'port names are unique in a container', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].ports[0].name = 'api'; o.spec.template.spec.containers[0].ports[1].name = 'api'; }, paths: [`${POSTGRES}.ports[1].name`], message: /duplicates/ },
  { rule: 'host ports are claimed once per pod', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].ports[0].hostPort = 9000; o.spec.template.spec.containers[1].ports[0].hostPort = 9000; }, paths: [`${SIDECAR}.ports[0].hostPort`], message: /TCP\/\/9000/ },
  { rule: 'init containers claim host ports on their own', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].ports[0].hostPort = 9000; o.spec.template.spec.initContainers.push({ name: 'second', image: 'busybox', ports: [{ containerPort: 1, hostPort: 9000 }, { containerPort: 2, hostPort: 9000 }] }); }, paths: [`${SPEC}.initContainers[1].ports[1].hostPort`], message: /TCP\/\/9000/ },
  { rule: 'port protocols are TCP, UDP or SCTP', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].ports[0].protocol = 'HTTP'; }, paths: [`${POSTGRES}.ports[0].protocol`], message: /TCP, UDP, SCTP/ },
  { rule: 'liveness probes succeed once', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].livenessProbe.successThreshold = 2; }, paths: [`${POSTGRES}.livenessProbe.successThreshold`], message: /must be 1/ },
  { rule: 'probe ports are ports', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.containers[0].readinessProbe.tcpSocket.port = 0; }, paths: [`${POSTGRES}.readinessProbe.tcpSocket.port`], message: /between 1 and 65535/ },
  { rule: 'init containers restart Always or not at all', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.initContainers[0].restartPolicy = 'OnFailure'; }, paths: [`${SPEC}.initContainers[0].restartPolicy`], message: /Always/ },
  { rule: 'lifecycle hooks have a handler', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.containers[0].lifecycle = { preStop: {} }; }, paths: [`${POSTGRES}.lifecycle.preStop`], message: /must specify one of/ },
  { rule: 'label fields of the downward API are qualified names', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].env[2].valueFrom.fieldRef.fieldPath = "metadata.labels['spilo role']"; }, paths: [`${POSTGRES}.env[2].valueFrom.fieldRef`], message: /name part/ },
  { rule: 'init containers have no probes', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.initContainers[0].readinessProbe = { exec: { command: ['true'] } }; }, paths: [`${SPEC}.initContainers[0].readinessProbe`], message: /init containers/ },
  { rule: 'ids are not negative (container)', kind: 'Job', breaks: (o) => { o.spec.template.spec.containers[0].securityContext = { runAsUser: -1 }; }, paths: [`${POSTGRES}.securityContext.runAsUser`], message: /between 0 and 2147483647/ },
  { rule: 'ids are not negative (pod)', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.securityContext.fsGroup = -103; }, paths: [`${SPEC}.securityContext.fsGroup`], message: /between 0 and 2147483647/ },
  { rule: 'privilege escalation off excludes privileged', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.containers[0].securityContext.privileged = true; }, paths: [`${POSTGRES}.securityContext`], message: /allowPrivilegeEscalation/ },

  // volumes and mounts
  { rule: 'volume names are DNS labels (a TLS secret name with dots)', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes[4].name = 'pg.tls'; }, paths: [`${SPEC}.volumes[4].name`, `${POSTGRES}.volumeMounts[4].name`], message: /dots/ },
  { rule: 'volume names are unique', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes[1].name = 'dshm'; }, paths: [`${SPEC}.volumes[1].name`, `${POSTGRES}.volumeMounts[2].name`, `${SIDECAR}.volumeMounts[1].name`], message: /duplicates/ },
  { rule: 'volume names do not repeat a claim template', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes[1].name = 'pgdata'; }, paths: [`${SPEC}.volumes[1].name`, `${POSTGRES}.volumeMounts[2].name`, `${SIDECAR}.volumeMounts[1].name`], message: /duplicates/ },
  { rule: 'a volume has one source', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes[1].configMap = { name: 'x' }; }, paths: [`${SPEC}.volumes[1].configMap`, `${POSTGRES}.volumeMounts[2].name`, `${SIDECAR}.volumeMounts[1].name`], message: /beside another volume type/ },
  { rule: 'secret volumes name their secret', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes[4].secret.secretName = ''; }, paths: [`${SPEC}.volumes[4].secret.secretName`, `${POSTGRES}.volumeMounts[4].name`], message: /required/ },
  { rule: 'file modes are at most 0777', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.volumes[0].secret.defaultMode = 0o1000; }, paths: [`${SPEC}.volumes[0].secret.defaultMode`, `${POSTGRES}.volumeMounts[0].name`], message: /0777/ },
  { rule: 'mounts refer to a volume', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[1].volumeMounts[2].name = 'config'; }, paths: [`${SIDECAR}.volumeMounts[2].name`], message: /refers to no volume/ },
  { rule: 'mount paths are unique per container', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].volumeMounts[2].mountPath = '/dev/shm'; }, paths: [`${POSTGRES}.volumeMounts[2].mountPath`], message: /mounted twice/ },
  { rule: 'subPath has no ".."', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].volumeMounts[0].subPath = 'pgroot/../..'; }, paths: [`${POSTGRES}.volumeMounts[0].subPath`], message: /".."/ },
  { rule: 'subPath is relative', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.containers[0].volumeMounts[0].subPath = '/userlist.txt'; }, paths: [`${POSTGRES}.volumeMounts[0].subPath`], message: /relative/ },
  { rule: 'subPathExpr excludes subPath', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].volumeMounts[0].subPathExpr = '$(POD_NAME)'; }, paths: [`${POSTGRES}.volumeMounts[0].subPathExpr`], message: /excludes subPath/ },
  { rule: 'claim template names are DNS labels', kind: 'StatefulSet', breaks: (o) => { o.spec.volumeClaimTemplates[0].metadata.name = 'pg.data'; }, paths: ['spec.volumeClaimTemplates[0].metadata.name', `${POSTGRES}.volumeMounts[0].name`, `${SIDECAR}.volumeMounts[0].name`], message: /dots/ },
  { rule: 'claim templates have an access mode', kind: 'StatefulSet', breaks: (o) => { o.spec.volumeClaimTemplates[0].spec.accessModes = []; }, paths: ['spec.volumeClaimTemplates[0].spec.accessModes'], message: /at least one/ },
  { rule: 'emptyDir size limits are not negative', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes[0].emptyDir.sizeLimit = '-1Gi'; }, paths: [`${SPEC}.volumes[0].emptyDir.sizeLimit`, `${POSTGRES}.volumeMounts[1].name`], message: /greater than or equal to 0/ },
  { rule: 'projected tokens live 10 minutes or more, at a relative path', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes.push({ name: 'token', projected: { sources: [{ serviceAccountToken: { path: '../token', expirationSeconds: 60 } }] } }); }, paths: [`${SPEC}.volumes[6].projected.sources[0].serviceAccountToken.expirationSeconds`, `${SPEC}.volumes[6].projected.sources[0].serviceAccountToken.path`], message: /between 600/ },
  { rule: 'downward API volumes expose known fields', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes.push({ name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'ip', fieldRef: { fieldPath: 'status.podIP' } }] } }); }, paths: [`${SPEC}.volumes[6].downwardAPI.items[1].fieldRef.fieldPath`], message: /must be one of/ },
  { rule: 'host paths have no ".."', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes.push({ name: 'host', hostPath: { path: '/var/../etc' } }); }, paths: [`${SPEC}.volumes[6].hostPath.path`], message: /".."/ },
  { rule: 'config map items are relative files', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.volumes[3].configMap.items = [{ key: 'telegraf.conf', path: '..conf' }]; }, paths: [`${SPEC}.volumes[3].configMap.items[0].path`, `${SIDECAR}.volumeMounts[2].name`], message: /start with/ },

  // resources
  { rule: 'quantities follow the grammar', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].resources.requests.memory = '100K'; }, paths: [`${POSTGRES}.resources.requests[memory]`], message: /"K" is not a Kubernetes suffix/ },
  { rule: 'quantities are not negative', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.containers[0].resources.requests.cpu = '-250m'; }, paths: [`${POSTGRES}.resources.requests[cpu]`], message: /greater than or equal to 0/ },
  { rule: 'requests do not exceed limits', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[1].resources.requests.memory = '0.5Gi'; }, paths: [`${SIDECAR}.resources.requests[memory]`], message: /less than or equal to the memory limit/ },
  { rule: 'requests equal to limits pass exactly', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[1].resources.requests.memory = '524288000'; o.spec.template.spec.containers[1].resources.requests.cpu = '0.5000000001'; }, paths: [`${SIDECAR}.resources.requests[cpu]`], message: /cpu limit/ },
  { rule: 'resource names are known or qualified', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.containers[0].resources.limits.gpu = '1'; }, paths: [`${POSTGRES}.resources.limits[gpu]`], message: /extended resource/ },
  { rule: 'huge pages are not overcommitted', kind: 'StatefulSet', breaks: (o) => { Object.assign(o.spec.template.spec.containers[0].resources.requests, { 'hugepages-2Mi': '2Mi' }); Object.assign(o.spec.template.spec.containers[0].resources.limits, { 'hugepages-2Mi': '4Mi' }); }, paths: [`${POSTGRES}.resources.requests[hugepages-2Mi]`], message: /must equal/ },
  { rule: 'huge pages come in whole pages', kind: 'StatefulSet', breaks: (o) => { Object.assign(o.spec.template.spec.containers[0].resources.limits, { 'hugepages-2Mi': '3Mi' }); }, paths: [`${POSTGRES}.resources.limits[hugepages-2Mi]`], message: /whole multiple/ },
  { rule: 'extended resources are whole and not overcommitted', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.containers[0].resources.requests['example.com/fpga'] = '1'; }, paths: [`${POSTGRES}.resources.limits[example.com/fpga]`], message: /cannot be overcommitted/ },

  // scheduling
  { rule: 'tolerations without key use Exists', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.tolerations[0].key = ''; o.spec.template.spec.tolerations[0].operator = 'Equal'; }, paths: [`${SPEC}.tolerations[0].operator`], message: /must be Exists/ },
  { rule: 'toleration keys are qualified names', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.tolerations[0].key = 'no way'; }, paths: [`${SPEC}.tolerations[0].key`], message: /name part/ },
  { rule: 'required node affinity values are label values', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0] = 'p c i'; }, paths: [`${SPEC}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]`], message: /letters, digits/ },
  { rule: 'pod affinity weights are 1-100', kind: 'CronJob', breaks: (o) => { o.spec.jobTemplate.spec.template.spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight = 0; }, paths: ['spec.jobTemplate.spec.template.spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight'], message: /1-100/ },
  { rule: 'topology spread skew is positive', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.topologySpreadConstraints[0].maxSkew = 0; }, paths: [`${SPEC}.topologySpreadConstraints[0].maxSkew`], message: /greater than zero/ },
  { rule: 'topology spread pairs are unique', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.topologySpreadConstraints.push({ ...o.spec.template.spec.topologySpreadConstraints[0] }); }, paths: [`${SPEC}.topologySpreadConstraints[1]`], message: /repeats/ },
  { rule: 'minDomains needs DoNotSchedule', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.topologySpreadConstraints[0].minDomains = 2; }, paths: [`${SPEC}.topologySpreadConstraints[0].minDomains`], message: /DoNotSchedule/ },
  { rule: 'pod affinity terms name a topology key', kind: 'CronJob', breaks: (o) => { o.spec.jobTemplate.spec.template.spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey = ''; }, paths: ['spec.jobTemplate.spec.template.spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey'], message: /required/ },
  { rule: 'sysctls are sysctl names', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }, { name: 'Net.Core', value: '1' }]; }, paths: [`${SPEC}.securityContext.sysctls[1].name`], message: /sysctl name/ },
  { rule: 'node selectors are labels', kind: 'Deployment', breaks: (o) => { o.spec.template.spec.nodeSelector = { 'kubernetes.io/arch': 'arm 64' }; }, paths: [`${SPEC}.nodeSelector[kubernetes.io/arch]`], message: /letters, digits/ },

  // Services and Endpoints
  { rule: 'Service ports are 1-65535', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.spec.ports[0].port = 0; }, paths: ['spec.ports[0].port'], message: /between 1 and 65535/ },
  { rule: 'Service ports are named when there are several', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.spec.ports.push({ port: 8008, targetPort: 8008 }); }, paths: ['spec.ports[1].name'], message: /more than one port/ },
  { rule: 'Service port names are unique', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.spec.ports.push({ name: 'postgresql', port: 8008 }); }, paths: ['spec.ports[1].name'], message: /duplicates/ },
  { rule: 'Service port names are DNS labels', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.spec.ports[0].name = `${longLabel(60)}-pooler`; }, paths: ['spec.ports[0].name'], message: /no more than 63/ },
  { rule: 'Service ports are unique per protocol', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.spec.ports.push({ name: 'again', port: 5432, protocol: 'TCP' }); }, paths: ['spec.ports[1]'], message: /TCP\/5432/ },
  { rule: 'node ports are 0 or 1-65535', kind: 'Service', name: 'acid-exposed-repl', breaks: (o) => { o.spec.ports[0].nodePort = 70000; }, paths: ['spec.ports[0].nodePort'], message: /between 1 and 65535/ },
  { rule: 'no node port on a ClusterIP Service', kind: 'Service', name: 'acid-test-cluster-repl', breaks: (o) => { o.spec.ports[0].nodePort = 30432; }, paths: ['spec.ports[0].nodePort'], message: /ClusterIP/ },
  { rule: 'target ports are numbers or IANA names', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.spec.ports[0].targetPort = 'Postgres'; }, paths: ['spec.ports[0].targetPort'], message: /lower-case/ },
  { rule: 'source ranges are CIDRs', kind: 'Service', name: 'acid-exposed', breaks: (o) => { o.spec.loadBalancerSourceRanges[1] = '10.0.0.0/33'; }, paths: ['spec.loadBalancerSourceRanges[1]'], message: /CIDR/ },
  { rule: 'source ranges need a load balancer', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.spec.loadBalancerSourceRanges = ['10.0.0.0/8']; }, paths: ['spec.loadBalancerSourceRanges'], message: /LoadBalancer/ },
  { rule: 'Service selectors are labels', kind: 'Service', name: 'acid-test-cluster-repl', breaks: (o) => { o.spec.selector.team = 'acid team'; }, paths: ['spec.selector[team]'], message: /letters, digits/ },
  { rule: 'external traffic policy needs an external Service', kind: 'Service', name: 'acid-test-cluster', breaks: (o) => { o.spec.externalTrafficPolicy = 'Local'; }, paths: ['spec.externalTrafficPolicy'], message: /outside the cluster/ },
  { rule: 'Endpoints addresses are not loopback', kind: 'Endpoints', breaks: (o) => { o.subsets = [{ addresses: [{ ip: '127.0.0.1' }, { ip: 'fe80::1' }, { ip: '10.0.0.1' }] }]; }, paths: ['subsets[0].addresses[0].ip', 'subsets[0].addresses[1].ip'], message: /loopback/ },
  { rule: 'Endpoints ports are named when there are several', kind: 'Endpoints', breaks: (o) => { o.subsets = [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'postgresql', port: 5432 }, { port: 8008 }] }]; }, paths: ['subsets[0].ports[1].name'], message: /more than one port/ },
  { rule: 'Endpoints addresses are IPs', kind: 'Endpoints', breaks: (o) => { o.subsets = [{ addresses: [{ ip: '10.0.0.300' }], ports: [{ port: 5432 }] }]; }, paths: ['subsets[0].addresses[0].ip'], message: /IP address/ },
  { rule: 'Endpoints subsets have addresses', kind: 'Endpoints', breaks: (o) => { o.subsets = [{ ports: [{ port: 5432 }] }]; }, paths: ['subsets[0]'], message: /addresses/ },

  // Secrets and ConfigMaps
  { rule: 'Secret keys are data keys', kind: 'Secret', breaks: (o) => { o.data['pooler/host'] = ''; }, paths: ['data[pooler/host]'], message: /letters, digits/ },
  { rule: 'Secret keys are not ".."', kind: 'Secret', breaks: (o) => { o.data['..'] = ''; }, paths: ['data[..]'], message: /must not be/ },
  { rule: 'Secret data at most 1 MiB', kind: 'Secret', breaks: (o) => { o.data.large = Buffer.alloc(MAX_DATA_BYTES).toString('base64'); }, paths: ['data'], message: /1048576 bytes/ },
  { rule: 'TLS Secrets hold a certificate and key', kind: 'Secret', breaks: (o) => { o.type = 'kubernetes.io/tls'; o.data['tls.crt'] = ''; }, paths: ['data[tls.key]'], message: /required/ },
  { rule: 'ConfigMap keys are data keys', kind: 'ConfigMap', breaks: (o) => { o.data['state json'] = '{}'; }, paths: ['data[state json]'], message: /letters, digits/ },
  { rule: 'ConfigMap data at most 1 MiB (in UTF-8 bytes)', kind: 'ConfigMap', breaks: (o) => { o.data['state.json'] = 'é'.repeat(MAX_DATA_BYTES / 2 + 1); }, paths: ['data'], message: /1048576 bytes/ },
  { rule: 'ConfigMap keys are in data or binaryData, not both', kind: 'ConfigMap', breaks: (o) => { o.binaryData = { 'state.json': '' }; }, paths: ['data[state.json]'], message: /binaryData/ },

  // PodDisruptionBudgets
  { rule: 'minAvailable and maxUnavailable exclude each other', kind: 'PodDisruptionBudget', breaks: (o) => { o.spec.maxUnavailable = 1; }, paths: ['spec'], message: /both/ },
  { rule: 'percentages are at most 100%', kind: 'PodDisruptionBudget', breaks: (o) => { o.spec.minAvailable = '150%'; }, paths: ['spec.minAvailable'], message: /100%/ },
  { rule: 'counts are not negative', kind: 'PodDisruptionBudget', breaks: (o) => { o.spec.minAvailable = -1; }, paths: ['spec.minAvailable'], message: /greater than or equal to 0/ },
  { rule: 'PDB selectors are label selectors', kind: 'PodDisruptionBudget', breaks: (o) => { o.spec.selector.matchLabels['cluster-name'] = '-acid'; }, paths: ['spec.selector.matchLabels[cluster-name]'], message: /start and end/ },

  // CronJobs and Jobs
  { rule: 'schedules are cron schedules', kind: 'CronJob', breaks: (o) => { o.spec.schedule = '60 * * * *'; }, paths: ['spec.schedule'], message: /minute/ },
  { rule: 'job templates leave the selector to the API server', kind: 'CronJob', breaks: (o) => { o.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } }; }, paths: ['spec.jobTemplate.spec.selector'], message: /generated/ },
  { rule: 'job pods restart OnFailure or Never', kind: 'CronJob', breaks: (o) => { delete o.spec.jobTemplate.spec.template.spec.restartPolicy; }, paths: ['spec.jobTemplate.spec.template.spec.restartPolicy'], message: /defaults to Always/ },
  { rule: 'a job pod\'s Events sidecar is checked as an init container', kind: 'CronJob', breaks: (o) => { o.spec.jobTemplate.spec.template.spec.initContainers[0].restartPolicy = 'Never'; }, paths: ['spec.jobTemplate.spec.template.spec.initContainers[0].restartPolicy'], message: /must be Always/ },
  { rule: 'history limits are not negative', kind: 'CronJob', breaks: (o) => { o.spec.failedJobsHistoryLimit = -1; }, paths: ['spec.failedJobsHistoryLimit'], message: /greater than or equal to 0/ },
  { rule: 'Jobs leave their selector to the API server', kind: 'Job', breaks: (o) => { o.spec.selector = { matchLabels: { 'job-name': o.metadata.name } }; }, paths: ['spec.selector'], message: /generates it/ },
  { rule: 'Jobs leave their job-name label to the API server', kind: 'Job', breaks: (o) => { o.spec.template.metadata.labels['job-name'] = 'other'; }, paths: ['spec.template.metadata.labels[job-name]'], message: /Job name/ },
  { rule: 'backoff limits are not negative', kind: 'Job', breaks: (o) => { o.spec.backoffLimit = -1; }, paths: ['spec.backoffLimit'], message: /greater than or equal to 0/ },
  { rule: 'active deadlines are not negative', kind: 'Job', breaks: (o) => { o.spec.activeDeadlineSeconds = -1; }, paths: ['spec.activeDeadlineSeconds'], message: /between 0/ },
  { rule: 'pod active deadlines are positive', kind: 'Job', breaks: (o) => { o.spec.template.spec.activeDeadlineSeconds = 0; }, paths: [`${SPEC}.activeDeadlineSeconds`], message: /between 1/ },
  { rule: 'long-running pods have no active deadline', kind: 'StatefulSet', breaks: (o) => { o.spec.template.spec.activeDeadlineSeconds = 60; }, paths: [`${SPEC}.activeDeadlineSeconds`], message: /not supported/ },
];

t.test('every kind of child is covered, and the copies to break are valid', async (t) => {
  t.same(new Set(children.map((c) => c.kind)), new Set(['StatefulSet', 'Service', 'Endpoints', 'PodDisruptionBudget', 'Secret', 'ConfigMap', 'Job', 'Deployment', 'CronJob']));
  for (const child of children) t.same(objectProblems(child), [], `${child.kind} ${child.metadata.name}`);
});

for (const c of cases) {
  t.test(c.rule, async (t) => {
    const object = copyOf(c.kind, c.name);
    c.breaks(object);
    const problems = objectProblems(object);
    t.same(problems.map((p) => p.path), c.paths, `${c.kind} reported at ${c.paths.join(', ')}`);
    t.match(problems[0]?.message ?? '', c.message);
  });
}

t.test('values at the limits are accepted', async (t) => {
  const at = (kind: string, change: (object: Mutable) => void, name?: string) => {
    const object = copyOf(kind, name);
    change(object);
    return objectProblems(object);
  };
  t.same(at('StatefulSet', (o) => { o.metadata.name = longLabel(52); }), [], 'a 52-character StatefulSet');
  t.same(at('CronJob', (o) => { o.metadata.name = longLabel(52); }), [], 'a 52-character CronJob');
  t.same(at('Job', (o) => { o.metadata.name = `${longLabel(31)}.${longLabel(31)}`; }), [], 'a 63-character Job name with a dot');
  t.same(at('Service', (o) => { o.metadata.annotations = { a: 'x'.repeat(256 * 1024 - 1) }; }), [], 'annotations of exactly 256 KiB');
  t.same(at('Secret', (o) => { o.data = { large: Buffer.alloc(MAX_DATA_BYTES).toString('base64') }; }), [], 'Secret data of exactly 1 MiB');
  t.same(at('StatefulSet', (o) => { o.spec.template.spec.containers[1].resources.requests = { cpu: '0.5', memory: '524288000' }; }), [], 'requests equal to the limits in other notations');
  t.same(at('Service', (o) => { o.spec.ports[0].nodePort = 65535; }, 'acid-exposed-repl'), [], 'a node port outside the default range (the range is cluster configuration)');
  t.same(at('StatefulSet', (o) => { o.spec.template.spec.containers[0].env[0].name = 'my.var-1 x'; }), [], 'a relaxed env var name');
  t.same(at('StatefulSet', (o) => {
    Object.assign(o.spec.template.metadata.annotations, {
      'controller.kubernetes.io/pod-deletion-cost': '-2147483648',
      'container.apparmor.security.beta.kubernetes.io/telegraf-sidecar': 'localhost/k8s-apparmor',
      'container.seccomp.security.alpha.kubernetes.io/postgres': 'runtime/default',
    });
  }), [], 'pod annotations the API server reads, well formed');
});

t.test('an unknown kind is a problem, not a pass', async (t) => {
  t.same(objectProblems({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }), [{ path: 'kind', message: 'Pod is not a kind these rules know' }]);
});

t.test('objects of the wrong shape are reported, never thrown on', async (t) => {
  const object = copyOf('StatefulSet');
  object.metadata.labels = 'team=acid';
  object.spec.template.spec.containers[0].env = 'SCOPE';
  object.spec.template.spec.containers[0].resources.limits = ['1'];
  object.spec.replicas = '2';
  const problems = objectProblems(object);
  t.same(problems.map((p) => p.path), ['metadata.labels', 'spec.replicas', `${POSTGRES}.resources.limits`]);
});

t.test('messages never quote a Secret value', async (t) => {
  const secret = copyOf('Secret');
  const password = Buffer.from(secret.data.password, 'base64').toString();
  secret.data['bad key'] = secret.data.password;
  secret.data.large = Buffer.alloc(MAX_DATA_BYTES).toString('base64');
  const lines = describeObjectProblems([secret]);
  t.equal(lines.length, 2);
  for (const line of lines) {
    t.notOk(line.includes(password) || line.includes(secret.data.password), line);
  }
});

t.test('described problems name the kind, the object and the field', async (t) => {
  const statefulSet = copyOf('StatefulSet');
  statefulSet.spec.replicas = -1;
  t.same(describeObjectProblems([statefulSet, copyOf('Service')]), ['StatefulSet acid-test-cluster: spec.replicas: must be greater than or equal to 0']);
});

t.test('a frozen object (kept by hooks/memo.ts) gives the same problems every time, each call its own list', async (t) => {
  const statefulSet = structuredClone(children.find((c) => c.kind === 'StatefulSet')!) as KubeObject & { spec: { replicas: number } };
  statefulSet.spec.replicas = -1;
  const expected = objectProblems(statefulSet);
  t.ok(expected.length > 0);
  const frozen = deepFreeze(structuredClone(statefulSet));
  const first = objectProblems(frozen);
  t.same(first, expected);
  first.length = 0;
  t.same(objectProblems(frozen), expected, 'emptying an answer does not empty the next');
  t.same(objectProblems(deepFreeze(structuredClone(children.find((c) => c.kind === 'Service')!))), [], 'a valid frozen object');
});
