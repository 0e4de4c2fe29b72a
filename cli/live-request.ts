// The sync request Metacontroller would send for a cluster, built from objects we read ourselves: the
// live `postgresql`, the live objects that would be its children, and the related objects the customize
// hook asks for (found among the objects given). v2 keys, like deploy/compositecontroller.yaml.
import type { OperatorConfig } from '../schemas/config.js';
import type { KubeObject, ObjectMap, RelatedResourceRule, SyncRequest } from '../schemas/hook.js';
import { customize } from '../hooks/customize.js';
import { childKindOf, labelKeys } from '../hooks/names.js';
import { metadataField } from './documents.js';
import { childKinds, resourceByPlural } from './resources.js';

/** What the hooks read of the CompositeController: the hook versions. */
const CONTROLLER = {
  apiVersion: 'metacontroller.k8s.io/v1alpha1',
  kind: 'CompositeController',
  metadata: { name: 'postgresql' },
  spec: { generateSelector: true, hooks: { sync: { version: 'v2' }, finalize: { version: 'v2' }, customize: { version: 'v2' } } },
} as const;

type Parent = SyncRequest['parent'];

function objectMap(kinds: string[], objects: KubeObject[]): ObjectMap {
  const map: ObjectMap = Object.fromEntries(kinds.map((kind) => [kind, {}]));
  for (const object of objects) {
    const kind = childKindOf(object);
    map[kind] = { ...(map[kind] ?? {}), [`${object.metadata.namespace ?? ''}/${object.metadata.name}`]: object };
  }
  return map;
}

function matchesRule(object: KubeObject, rule: RelatedResourceRule): boolean {
  const resource = resourceByPlural(rule.apiVersion, rule.resource);
  if (!resource || object.kind !== resource.kind || object.apiVersion !== resource.apiVersion) return false;
  if (rule.namespace !== undefined && object.metadata.namespace !== rule.namespace) return false;
  if (rule.names && rule.names.length > 0 && !rule.names.includes(object.metadata.name)) return false;
  const wanted = rule.labelSelector?.matchLabels ?? {};
  return Object.entries(wanted).every(([key, value]) => object.metadata.labels?.[key] === value);
}

/** The related objects the customize hook asks for, from `objects`; every rule's kind gets a key, as Metacontroller does. */
export function relatedObjects(parent: Parent, config: OperatorConfig, objects: KubeObject[]): { rules: RelatedResourceRule[]; related: ObjectMap } {
  const { relatedResources: rules } = customize({ controller: CONTROLLER, parent }, config);
  const kinds = rules.flatMap((rule) => {
    const resource = resourceByPlural(rule.apiVersion, rule.resource);
    return resource ? [`${resource.kind}.${resource.apiVersion}`] : [];
  });
  const related = objects.filter((object) => object.metadata.uid !== parent.metadata.uid && rules.some((rule) => matchesRule(object, rule)));
  return { rules, related: objectMap([...new Set(kinds)], related) };
}

/** Whether Metacontroller would count a live object as this parent's child (its claim rule: owned by it, or an orphan with its label). */
export function claimedBy(parent: Parent, object: KubeObject): boolean {
  const controller = (metadataField<Array<{ uid?: string; controller?: boolean }>>(object, 'ownerReferences') ?? []).find((ref) => ref.controller === true);
  const labelled = object.metadata.labels?.[labelKeys.controllerUid] === parent.metadata.uid;
  return controller ? controller.uid === parent.metadata.uid && labelled : labelled;
}

export function syncRequestFor(parent: Parent, config: OperatorConfig, children: KubeObject[], objects: KubeObject[]): SyncRequest {
  const kinds = childKinds(config);
  const inNamespace = children.filter((child) => kinds.includes(childKindOf(child)) && child.metadata.namespace === parent.metadata.namespace);
  return { controller: CONTROLLER, parent, children: objectMap(kinds, inNamespace), related: relatedObjects(parent, config, objects).related, finalizing: false };
}
