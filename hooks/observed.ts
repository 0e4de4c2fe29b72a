// What Metacontroller told us exists: the parent's owned children and the related objects the
// customize hook asked for, indexed by kind and name whatever the hook version (v1 keys are names,
// v2 keys are namespace/name).
import type { KubeObject, ObjectMap } from '../schemas/hook.js';

type Index = Map<string, Map<string, KubeObject>>;

function index(map: ObjectMap | undefined): Index {
  const byKind: Index = new Map();
  for (const [kind, objects] of Object.entries(map ?? {})) {
    const byName = new Map<string, KubeObject>();
    for (const object of Object.values(objects)) byName.set(key(object.metadata.namespace, object.metadata.name), object);
    byKind.set(kind, byName);
  }
  return byKind;
}

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class Observed {
  private readonly ownedChildren: Index;
  private readonly relatedObjects: Index;

  constructor(children: ObjectMap | undefined, related?: ObjectMap) {
    this.ownedChildren = index(children);
    this.relatedObjects = index(related);
  }

  /** An owned child. Children always live in the parent's namespace, so the name is enough. */
  child<T = KubeObject>(kind: string, name: string): T | undefined {
    for (const object of this.ownedChildren.get(kind)?.values() ?? []) {
      if (object.metadata.name === name) return object as T;
    }
    return undefined;
  }

  allChildren(): KubeObject[] {
    return [...this.ownedChildren.values()].flatMap((byName) => [...byName.values()]);
  }

  related<T = KubeObject>(kind: string, namespace: string, name: string): T | undefined {
    return this.relatedObjects.get(kind)?.get(key(namespace, name)) as T | undefined;
  }
}
