// deploy/metacontroller: the kustomize overlay over Metacontroller's released manifests and the values for its
// Helm chart. Neither can reach GitHub here, so the overlay is built over a stand-in of the released StatefulSet
// with the same identity, and the flags are checked against those the pinned release defines.
import t from 'tap';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse, stringify } from 'yaml';
import { kubectlAvailable, parseManifests, root, validateManifest, type Manifest } from './deploy-render.js';

const overlayDir = join(root, 'deploy/metacontroller');
const kustomization = parse(readFileSync(join(overlayDir, 'kustomization.yaml'), 'utf8'));
const helmValues = parse(readFileSync(join(overlayDir, 'helm-values.yaml'), 'utf8'));
const RELEASES = /^https:\/\/github\.com\/metacontroller\/metacontroller\/manifests\/production\?ref=v(\d+)\.(\d+)\.(\d+)$/;

// Facts of Metacontroller v4.17.2 (git tag v4.17.2 of metacontroller/metacontroller):
// - the flags pkg/cmd/metacontroller/main.go defines with the standard flag package, and the zap-* flags that
//   controller-runtime's zap.Options.BindFlags adds (main.go calls it before flag.Parse);
// - the values of --apply-strategy pkg/server/server.go accepts;
// - manifests/production/metacontroller.yaml: StatefulSet metacontroller in namespace metacontroller, one
//   replica, pod label app.kubernetes.io/name: metacontroller, container "metacontroller".
const FLAGS = new Map<string, 'duration' | 'string' | 'float' | 'int' | 'bool' | 'level'>([
  ['discovery-interval', 'duration'], ['cache-flush-interval', 'duration'], ['metrics-address', 'string'],
  ['client-go-qps', 'float'], ['client-go-burst', 'int'], ['workers', 'int'], ['events-qps', 'float'], ['events-burst', 'int'],
  ['pprof-address', 'string'], ['leader-election', 'bool'], ['leader-election-resource-lock', 'string'],
  ['leader-election-namespace', 'string'], ['leader-election-id', 'string'], ['health-probe-bind-address', 'string'],
  ['target-label-selector', 'string'], ['apply-strategy', 'string'], ['apply-strategy-ssa-field-manager', 'string'],
  ['zap-devel', 'bool'], ['zap-encoder', 'string'], ['zap-log-level', 'level'], ['zap-stacktrace-level', 'level'], ['zap-time-encoding', 'string'],
]);
const APPLY_STRATEGIES = ['dynamic-apply', 'server-side-apply'];
const releasedStatefulSet = {
  apiVersion: 'apps/v1', kind: 'StatefulSet',
  metadata: { name: 'metacontroller', namespace: 'metacontroller', labels: { 'app.kubernetes.io/name': 'metacontroller' } },
  spec: {
    replicas: 1, serviceName: '',
    selector: { matchLabels: { 'app.kubernetes.io/name': 'metacontroller' } },
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'metacontroller' } },
      spec: {
        serviceAccountName: 'metacontroller',
        containers: [{ name: 'metacontroller', image: 'ghcr.io/metacontroller/metacontroller:v4.17.2', command: ['/usr/bin/metacontroller'], args: ['--zap-log-level=4', '--discovery-interval=20s'] }],
      },
    },
  },
};

/** The overlay as kustomize builds it, with the released manifests replaced by the stand-in. */
function buildOverlay(): Manifest[] {
  const dir = mkdtempSync(join(tmpdir(), 'pgmc-metacontroller-'));
  for (const file of ['statefulset.yaml', 'pdb.yaml']) copyFileSync(join(overlayDir, file), join(dir, file));
  writeFileSync(join(dir, 'released.yaml'), stringify(releasedStatefulSet));
  const resources = (kustomization.resources as string[]).map((r) => (RELEASES.test(r) ? 'released.yaml' : r));
  writeFileSync(join(dir, 'kustomization.yaml'), stringify({ ...kustomization, resources }));
  return parseManifests(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }));
}

const argsOf = (objects: Manifest[]) => objects.find((o) => o.kind === 'StatefulSet')!.spec.template.spec.containers[0].args as string[];

function flagProblems(args: string[]): string[] {
  return args.flatMap((arg) => {
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!match) return [`${arg}: not --name=value`];
    const [, name, value] = match as unknown as [string, string, string];
    const type = FLAGS.get(name);
    if (!type) return [`${arg}: v4.17.2 has no such flag`];
    const ok = {
      duration: /^\d+(ms|s|m|h)$/.test(value), string: true, float: Number.isFinite(Number(value)), int: /^\d+$/.test(value),
      bool: value === 'true' || value === 'false', level: /^(\d+|debug|info|error)$/.test(value),
    }[type];
    if (!ok) return [`${arg}: not a ${type}`];
    if (name === 'apply-strategy' && !APPLY_STRATEGIES.includes(value)) return [`${arg}: not one of ${APPLY_STRATEGIES.join(', ')}`];
    return [];
  });
}

t.test('the released manifests are pinned to v4.17.2 or later', async (t) => {
  const remote = (kustomization.resources as string[]).filter((r) => r.includes('://'));
  t.equal(remote.length, 1);
  const version = RELEASES.exec(remote[0]!)?.slice(1).map(Number);
  t.ok(version, `${remote[0]} names a release tag`);
  const [major, minor, patch] = version ?? [0, 0, 0];
  t.ok(major! > 4 || (major === 4 && (minor! > 17 || (minor === 17 && patch! >= 2))), `v${version?.join('.')} >= v4.17.2`);
});

t.test('every flag is one Metacontroller v4.17.2 defines, with a value of its type', async (t) => {
  t.same(flagProblems(['--workers=x', '--no-such=1', '--apply-strategy=ssa']), [
    '--workers=x: not a int', '--no-such=1: v4.17.2 has no such flag', '--apply-strategy=ssa: not one of dynamic-apply, server-side-apply',
  ], 'the check finds what is wrong');
  const args = parse(readFileSync(join(overlayDir, 'statefulset.yaml'), 'utf8')).spec.template.spec.containers[0].args;
  t.same(flagProblems(args), [], 'overlay');
  t.same(flagProblems(helmValues.commandArgs), [], 'Helm values');
});

t.test('the Helm values set Metacontroller up as the overlay does', async (t) => {
  const args = parse(readFileSync(join(overlayDir, 'statefulset.yaml'), 'utf8')).spec.template.spec.containers[0].args;
  t.same(helmValues.commandArgs, args, 'the same flags');
  t.equal(helmValues.replicas, 2);
  const { selector: _, ...budget } = parse(readFileSync(join(overlayDir, 'pdb.yaml'), 'utf8')).spec;
  t.same(helmValues.podDisruptionBudget, budget, 'the same budget');
});

t.test('the overlay patches the released StatefulSet: two replicas, leader election, server-side apply, sized flags', { skip: kubectlAvailable ? false : 'kubectl is not installed' }, async (t) => {
  const objects = buildOverlay();
  t.same(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(), ['PodDisruptionBudget/metacontroller', 'StatefulSet/metacontroller']);
  const statefulSet = objects.find((o) => o.kind === 'StatefulSet')!;
  t.equal(statefulSet.spec.replicas, 2);
  const containers = statefulSet.spec.template.spec.containers;
  t.equal(containers.length, 1, 'the released container is patched, no second one added');
  t.match(containers[0], { name: 'metacontroller', image: 'ghcr.io/metacontroller/metacontroller:v4.17.2', command: ['/usr/bin/metacontroller'] });
  const args = argsOf(objects);
  for (const flag of ['--apply-strategy=server-side-apply', '--leader-election=true', '--leader-election-namespace=metacontroller']) t.ok(args.includes(flag), flag);
  t.ok(args.includes('--zap-log-level=4'), 'the released log level stays (6 and above log Secrets)');
  const number = (name: string) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]);
  t.ok(number('workers') > 5 && number('client-go-qps') > 5 && number('client-go-burst') > 10, 'above the defaults of 5 workers, 5 QPS, burst 10');
  t.ok(number('client-go-burst') >= number('client-go-qps'), 'burst at least the sustained rate');
  const budget = objects.find((o) => o.kind === 'PodDisruptionBudget')!;
  t.match(statefulSet.spec.template.metadata.labels, budget.spec.selector.matchLabels, 'the budget selects the Metacontroller pods');
  t.equal(budget.metadata.namespace, statefulSet.metadata.namespace);
  for (const object of objects) t.ok(validateManifest(object), `${object.kind} passes the Kubernetes schema`);
});
