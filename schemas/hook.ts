// Metacontroller's CompositeController hook contract (sync, finalize, customize), hook versions v1
// and v2. Objects are open: Metacontroller sends complete objects (managedFields, status …) and
// unknown fields must pass through untouched.
import Type, { type Static } from 'typebox';
import { PostgresStatus } from './postgresql.js';

const Open = { additionalProperties: true } as const;

export const KubeObject = Type.Object(
  {
    apiVersion: Type.String({ minLength: 1 }),
    kind: Type.String({ minLength: 1 }),
    metadata: Type.Object(
      {
        name: Type.String({ minLength: 1 }),
        namespace: Type.Optional(Type.String()),
        uid: Type.Optional(Type.String()),
        labels: Type.Optional(Type.Record(Type.String(), Type.String())),
        annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
      },
      Open,
    ),
  },
  Open,
);
export type KubeObject = Static<typeof KubeObject> & { [key: string]: unknown };

/**
 * An observed child or related object. Only its identity is checked here: a wrong type anywhere else
 * must not refuse the whole request (that would be retried forever, the status never saying why); the
 * hooks check the fields they read themselves (hooks/observed-shape.ts).
 */
export const ObservedObject = Type.Object(
  {
    apiVersion: Type.String({ minLength: 1 }),
    kind: Type.String({ minLength: 1 }),
    metadata: Type.Object({ name: Type.String({ minLength: 1 }), namespace: Type.Optional(Type.String()) }, Open),
  },
  Open,
);
export type ObservedObject = Static<typeof ObservedObject> & {
  metadata: { labels?: unknown; annotations?: unknown; [key: string]: unknown };
  [key: string]: unknown;
};

/** `children` / `related`: "Kind.group/version" → (name, or namespace/name under v2) → object. */
export const ObjectMap = Type.Record(Type.String(), Type.Record(Type.String(), ObservedObject));
export type ObjectMap = Record<string, Record<string, ObservedObject>>;

export const HookVersion = Type.Enum(['v1', 'v2']);
export type HookVersion = Static<typeof HookVersion>;

const HookSpec = Type.Object({ version: Type.Optional(HookVersion) }, Open);

export const Controller = Type.Object(
  {
    apiVersion: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Object({ name: Type.Optional(Type.String()) }, Open)),
    spec: Type.Optional(
      Type.Object(
        {
          hooks: Type.Optional(
            Type.Object(
              { sync: Type.Optional(HookSpec), finalize: Type.Optional(HookSpec), customize: Type.Optional(HookSpec) },
              Open,
            ),
          ),
        },
        Open,
      ),
    ),
  },
  Open,
);
export type Controller = Static<typeof Controller>;

/** The parent as Metacontroller sends it; its spec is checked by the hook, not by the envelope. */
export const ParentEnvelope = Type.Object(
  {
    apiVersion: Type.Literal('acid.zalan.do/v1'),
    kind: Type.Literal('postgresql'),
    metadata: Type.Object(
      {
        name: Type.String({ minLength: 1 }),
        namespace: Type.String({ minLength: 1 }),
        uid: Type.Optional(Type.String()),
        generation: Type.Optional(Type.Integer()),
        labels: Type.Optional(Type.Record(Type.String(), Type.String())),
        annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
        ownerReferences: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
        deletionTimestamp: Type.Optional(Type.String()),
      },
      Open,
    ),
    spec: Type.Unknown(),
    status: Type.Optional(Type.Unknown()),
  },
  Open,
);
export type ParentEnvelope = Static<typeof ParentEnvelope>;

export const SyncRequest = Type.Object(
  {
    controller: Controller,
    parent: ParentEnvelope,
    children: ObjectMap,
    related: Type.Optional(ObjectMap),
    finalizing: Type.Optional(Type.Boolean()),
  },
  Open,
);
export type SyncRequest = Static<typeof SyncRequest>;

export const SyncResponse = Type.Object({
  status: PostgresStatus,
  children: Type.Array(KubeObject),
  resyncAfterSeconds: Type.Optional(Type.Number({ minimum: 0 })),
});
export type SyncResponse = Omit<Static<typeof SyncResponse>, 'children'> & { children: KubeObject[] };

export const FinalizeResponse = Type.Object({
  status: PostgresStatus,
  children: Type.Array(KubeObject),
  resyncAfterSeconds: Type.Optional(Type.Number({ minimum: 0 })),
  finalized: Type.Boolean(),
});
export type FinalizeResponse = SyncResponse & { finalized: boolean };

export const CustomizeRequest = Type.Object({ controller: Controller, parent: ParentEnvelope }, Open);
export type CustomizeRequest = Static<typeof CustomizeRequest>;

export const RelatedResourceRule = Type.Object({
  apiVersion: Type.String(),
  resource: Type.String(),
  namespace: Type.Optional(Type.String()),
  names: Type.Optional(Type.Array(Type.String())),
  labelSelector: Type.Optional(
    Type.Object({ matchLabels: Type.Optional(Type.Record(Type.String(), Type.String())) }),
  ),
});
export type RelatedResourceRule = Static<typeof RelatedResourceRule>;

export const CustomizeResponse = Type.Object({ relatedResources: Type.Array(RelatedResourceRule) });
export type CustomizeResponse = Static<typeof CustomizeResponse>;

export const ErrorResponse = Type.Object({ error: Type.String(), message: Type.String() });
