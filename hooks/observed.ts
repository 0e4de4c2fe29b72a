// What Metacontroller told us exists: the parent's owned children and the related objects the
// customize hook asked for, indexed by kind and name whatever the hook version (v1 keys are names,
// v2 keys are namespace/name). The fields the hooks read are checked by observed-shape.ts before any
// builder looks at them.
import type { ObjectMap, ObservedObject } from '../schemas/hook.js';

type Index = Map<string, Map<string, ObservedObject>>;

function index(map: ObjectMap | undefined): Index {
  const byKind: Index = new Map();
  for (const [kind, objects] of Object.entries(map ?? {})) {
    const byName = new Map<string, ObservedObject>();
    for (const object of Object.values(objects)) byName.set(key(object.metadata.namespace, object.metadata.name), object);
    byKind.set(kind, byName);
  }
  return byKind;
}

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function all(index: Index): Array<{ kind: string; object: ObservedObject }> {
  return [...index].flatMap(([kind, byName]) => [...byName.values()].map((object) => ({ kind, object })));
}

/** Children by kind and name alone; of two with one name (in different namespaces), the first listed. */
function byName(index: Index): Index {
  const byKind: Index = new Map();
  for (const [kind, objects] of index) {
    const named = new Map<string, ObservedObject>();
    for (const object of objects.values()) if (!named.has(object.metadata.name)) named.set(object.metadata.name, object);
    byKind.set(kind, named);
  }
  return byKind;
}

export class Observed {
  private readonly ownedChildren: Index;
  private readonly childrenByName: Index;
  private readonly relatedObjects: Index;

  constructor(children: ObjectMap | undefined, related?: ObjectMap) {
    this.ownedChildren = index(children);
    this.childrenByName = byName(this.ownedChildren);
    this.relatedObjects = index(related);
  }

  /** An owned child. Children always live in the parent's namespace, so the name is enough. */
  child<T = ObservedObject>(kind: string, name: string): T | undefined {
    return this.childrenByName.get(kind)?.get(name) as T | undefined;
  }

  /** Every owned child of a kind. */
  children<T = ObservedObject>(kind: string): T[] {
    return [...(this.ownedChildren.get(kind)?.values() ?? [])] as T[];
  }

  /** Every related object of a kind. */
  relatedOfKind<T = ObservedObject>(kind: string): T[] {
    return [...(this.relatedObjects.get(kind)?.values() ?? [])] as T[];
  }

  allChildren(): ObservedObject[] {
    return all(this.ownedChildren).map(({ object }) => object);
  }

  /** Every owned and related object with the kind it is listed (and looked up) under. */
  everyObject(): Array<{ kind: string; object: ObservedObject }> {
    return [...all(this.ownedChildren), ...all(this.relatedObjects)];
  }

  related<T = ObservedObject>(kind: string, namespace: string, name: string): T | undefined {
    return this.relatedObjects.get(kind)?.get(key(namespace, name)) as T | undefined;
  }
}
