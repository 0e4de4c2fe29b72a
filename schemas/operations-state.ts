// What the sync hook hands to an operations Job (as a ConfigMap `<cluster>-<action>-<hash>`, key
// `state.json`): one action on a running cluster, planned by the hook, carried out by the Job through
// Patroni's REST API and the Kubernetes API. Like the setup state, it holds no password.
import Type, { type Static } from 'typebox';

export const OPERATIONS_ACTIONS = ['config', 'rollout', 'switchover', 'restart', 'reload', 'resize', 'upgrade'] as const;
export const OperationsAction = Type.Enum([...OPERATIONS_ACTIONS]);
export type OperationsAction = Static<typeof OperationsAction>;

export const OperationsState = Type.Object({
  cluster: Type.String({ minLength: 1 }),
  namespace: Type.String({ minLength: 1 }),
  action: OperationsAction,
  /** The `postgresql` object's uid, which the Job's Events name (absent in states of hooks before Events). */
  parentUid: Type.Optional(Type.String({ minLength: 1 })),
  /** The request id of a declarative action (an annotation's value); absent for planned actions. */
  requestId: Type.Optional(Type.String()),
  /** Labels that select the cluster's database pods (Kubernetes mode). */
  podSelector: Type.Record(Type.String(), Type.String()),
  /** Patroni's REST port on every member. */
  patroniPort: Type.Integer({ minimum: 1, maximum: 65535 }),
  /** A replica lagging more bytes than this is not healthy (Patroni's maximum_lag_on_failover). */
  maximumLagOnFailover: Type.Integer({ minimum: 0 }),
  /** `config`: the desired dynamic configuration (hooks/patroni/dynamic-config.ts DesiredDynamicConfig). */
  config: Type.Optional(Type.Object({
    desired: Type.Record(Type.String(), Type.Unknown()),
    /** Permanent slots an earlier manifest declared and this one does not: set to null in the DCS. */
    formerSlots: Type.Array(Type.String()),
  })),
  /** `rollout`: pods whose template hash annotation differs from `templateHash` are recreated. */
  rollout: Type.Optional(Type.Object({
    templateHashAnnotation: Type.String({ minLength: 1 }),
    templateHash: Type.String({ minLength: 1 }),
  })),
  /** `switchover`: a named candidate pod, or the healthiest replica when absent. */
  switchover: Type.Optional(Type.Object({
    candidate: Type.Optional(Type.String({ minLength: 1 })),
    /**
     * Before a scale-down to this many instances: only when the leader's ordinal is this or higher, switch over
     * to the healthiest replica below it; otherwise change nothing.
     */
    instances: Type.Optional(Type.Integer({ minimum: 1 })),
  })),
  /**
   * `resize`: every named data volume claim requesting less than `size` is grown to it; then the StatefulSet of
   * that uid, unless its claim template already requests `size`, is deleted with orphan propagation (its pods and
   * claims stay) for the sync hook to recreate it with the manifest's claim template.
   */
  resize: Type.Optional(Type.Object({
    size: Type.String({ minLength: 1 }),
    claims: Type.Array(Type.String({ minLength: 1 })),
    /** `replicas`: its count when planned, which the sync hook keeps while the StatefulSet is gone. */
    statefulSet: Type.Object({ name: Type.String({ minLength: 1 }), uid: Type.String({ minLength: 1 }), replicas: Type.Optional(Type.Integer({ minimum: 0 })) }),
    /** The claim template's name in the StatefulSet (`pgdata`). */
    template: Type.String({ minLength: 1 }),
  })),
  /** `upgrade`: Spilo's in-place major version upgrade to `targetMajor` (the pods' PGVERSION). */
  upgrade: Type.Optional(Type.Object({
    targetMajor: Type.String({ pattern: '^[1-9][0-9]*$' }),
    /** The retry annotation's request id that asked for this attempt, if any. */
    retry: Type.Optional(Type.String()),
    /** The database container to exec the script in. */
    container: Type.String({ minLength: 1 }),
  })),
});
export type OperationsState = Static<typeof OperationsState>;
