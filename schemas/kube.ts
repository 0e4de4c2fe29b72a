// Kubernetes types embedded in the postgresql spec (containers, probes, affinity …).
// The CRD keeps them open (`x-kubernetes-preserve-unknown-fields`) and the hook checks each one
// against the official Kubernetes OpenAPI schema, so a bad value is reported with its path
// instead of failing later when the StatefulSet is written.
import Type, { type TUnsafe } from 'typebox';
import { Container, type IContainer } from 'kubernetes-models/v1/Container';
import { ContainerPort, type IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import { EnvFromSource, type IEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
import { EnvVarSource, type IEnvVarSource } from 'kubernetes-models/v1/EnvVarSource';
import { NodeAffinity, type INodeAffinity } from 'kubernetes-models/v1/NodeAffinity';
import { Probe, type IProbe } from 'kubernetes-models/v1/Probe';
import { Toleration, type IToleration } from 'kubernetes-models/v1/Toleration';
import { TopologySpreadConstraint, type ITopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
import { Volume } from 'kubernetes-models/v1/Volume';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { ENV_VAR_NAME } from './patterns.js';

interface ValidationFailure { instancePath?: string; message?: string }
type Model<T> = new (data: T) => { validate(): void };

function modelErrors<T>(model: Model<T>, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  try {
    new model(value as T).validate();
    return undefined;
  } catch (error) {
    const failures = (error as { errors?: ValidationFailure[] }).errors;
    if (!Array.isArray(failures)) return (error as Error).message;
    return failures.map((f) => `${f.instancePath ? `${f.instancePath.slice(1).replaceAll('/', '.')} ` : ''}${f.message ?? 'is invalid'}`).join('; ');
  }
}

function embedded<T>(model: Model<T>, description: string) {
  return Type.Refine(
    Type.Unsafe<T>({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, description }),
    (value) => modelErrors(model, value) === undefined,
    (value) => modelErrors(model, value) ?? 'is invalid',
  ) as TUnsafe<T>;
}

export const KubeContainer = () => embedded<IContainer>(Container, 'a Kubernetes core/v1 Container');
export const KubeContainerPort = () => embedded<IContainerPort>(ContainerPort, 'a Kubernetes core/v1 ContainerPort');
export const KubeEnvVarSource = () => embedded<IEnvVarSource>(EnvVarSource, 'a Kubernetes core/v1 EnvVarSource');
export const KubeEnvFromSource = () => embedded<IEnvFromSource>(EnvFromSource, 'a Kubernetes core/v1 EnvFromSource');
export const KubeNodeAffinity = () => embedded<INodeAffinity>(NodeAffinity, 'a Kubernetes core/v1 NodeAffinity');
export const KubeProbe = () => embedded<IProbe>(Probe, 'a Kubernetes core/v1 Probe');
export const KubeToleration = () => embedded<IToleration>(Toleration, 'a Kubernetes core/v1 Toleration');
export const KubeTopologySpreadConstraint = () =>
  embedded<ITopologySpreadConstraint>(TopologySpreadConstraint, 'a Kubernetes core/v1 TopologySpreadConstraint');

type VolumeSource = Omit<IVolume, 'name'>;
class VolumeSourceModel {
  constructor(private readonly data: VolumeSource) {}
  validate(): void { new Volume({ name: 'volume', ...this.data }).validate(); }
}
export const KubeVolumeSource = () => embedded<VolumeSource>(VolumeSourceModel, 'a Kubernetes core/v1 VolumeSource');

/** A container environment variable: the name is checked here, `valueFrom` against Kubernetes' schema. */
export const EnvVar = () =>
  Type.Object({
    name: Type.String({ pattern: ENV_VAR_NAME }),
    value: Type.Optional(Type.String()),
    valueFrom: Type.Optional(KubeEnvVarSource()),
  });

/** metav1.LabelSelector, written out because the StatefulSet claim template passes it through. */
export const LabelSelector = () =>
  Type.Object({
    matchLabels: Type.Optional(Type.Record(Type.String(), Type.String())),
    matchExpressions: Type.Optional(
      Type.Array(
        Type.Object({
          key: Type.String(),
          operator: Type.Enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
          values: Type.Optional(Type.Array(Type.String())),
        }),
      ),
    ),
  });
