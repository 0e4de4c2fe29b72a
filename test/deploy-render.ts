// Renders what deploy/ installs, offline: the kustomize base and components with `kubectl kustomize`, the Helm chart
// with Helm's own binary (scripts/ensure-helm.sh explains where it comes from), and checks the objects against the
// Kubernetes OpenAPI schemas.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const chartDir = join(root, 'deploy/chart/postgres-metacontroller');

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text).map((doc) => doc.toJS() as Manifest | null).filter((doc): doc is Manifest => doc !== null);
}

export const kubectlAvailable = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** `kubectl kustomize` of a generated overlay: the given resources and components, optionally in one namespace. */
export function kustomize(overlay: { resources?: string[]; components?: string[]; namespace?: string; extra?: object }): Manifest[] {
  const dir = mkdtempSync(join(tmpdir(), 'pgmc-kustomize-'));
  const local = (paths: string[] | undefined) => (paths ?? []).map((path) => relative(dir, join(root, path)));
  writeFileSync(join(dir, 'kustomization.yaml'), stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    ...(overlay.namespace ? { namespace: overlay.namespace } : {}),
    resources: local(overlay.resources),
    ...(overlay.components ? { components: local(overlay.components) } : {}),
    ...overlay.extra,
  }));
  return parseManifests(execFileSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir], { encoding: 'utf8' }));
}

let helmPath: string | undefined;

/** Helm: $HELM, else `helm` on PATH, else the pinned release binary scripts/ensure-helm.sh puts in the user's cache. */
export function helm(): string {
  if (helmPath) return helmPath;
  const onPath = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' }).status === 0 ? 'helm' : undefined;
  helmPath = process.env.HELM ?? onPath ?? execFileSync('bash', [join(root, 'scripts/ensure-helm.sh')], { encoding: 'utf8' }).trim();
  return helmPath;
}

export const RELEASE_NAMESPACE = 'postgres-metacontroller';

/** `helm template` of the chart with `values` laid over its values.yaml. */
export function helmTemplate(values: object = {}, namespace = RELEASE_NAMESPACE): Manifest[] {
  const dir = mkdtempSync(join(tmpdir(), 'pgmc-values-'));
  writeFileSync(join(dir, 'values.yaml'), stringify(values));
  return parseManifests(execFileSync(helm(), ['template', 'pgmc', chartDir, '--namespace', namespace, '--values', join(dir, 'values.yaml')], { encoding: 'utf8' }));
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  CustomResourceDefinition, Deployment, StatefulSet, PodDisruptionBudget, ClusterRole, Role, RoleBinding, ConfigMap, Namespace, Service, ServiceAccount,
};

/** Throws with every OpenAPI violation; false for a kind Kubernetes' own schemas do not describe (a custom resource). */
export function validateManifest(object: Manifest): boolean {
  const Model = MODELS[object.kind];
  if (!Model) return false;
  new Model(object as never).validate();
  return true;
}

export const byIdentity = (a: Manifest, b: Manifest) => identity(a).localeCompare(identity(b));
export const identity = (o: Manifest) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
