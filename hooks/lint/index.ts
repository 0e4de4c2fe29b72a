// Configuration lint: what real Spilo and Patroni will do with a valid manifest that differs from what
// it asks for. The cluster is still created; the warnings go into the `Warnings` condition.
import type { OperatorConfig } from '../../schemas/config.js';
import { clusterDigest, type Cluster } from '../cluster.js';
import { memo } from '../memo.js';
import type { PodEnvironment } from '../pod/pod-environment.js';
import { replicationCapacity } from './capacity.js';
import { negativeFailoverLag, patroniTimeouts, synchronousReplication } from './dcs.js';
import { pgHbaRules } from './hba-rules.js';
import { hbaFileParameter, refusedParameters } from './parameters.js';
import { malformedSlots, uncreatableLogicalSlots } from './slots.js';
import { lowerCaseSpiloVariables } from './spilo-variables.js';

/** The warnings of specs seen lately: the same while the spec and the pod environment are. */
const rememberedWarnings = memo<string[]>(256);

/** Every warning names the field it comes from and what Spilo or Patroni will do instead. */
export function lintCluster(cluster: Cluster, config: OperatorConfig, environment?: PodEnvironment): string[] {
  const key = `${clusterDigest(cluster)} ${JSON.stringify(environment ?? null)}`;
  return [...rememberedWarnings(config, key, () => warnings(cluster, config, environment))];
}

function warnings(cluster: Cluster, config: OperatorConfig, environment: PodEnvironment | undefined): string[] {
  return [
    ...pgHbaRules(cluster, config),
    ...hbaFileParameter(cluster),
    ...refusedParameters(cluster),
    ...replicationCapacity(cluster, config),
    ...malformedSlots(cluster),
    ...uncreatableLogicalSlots(cluster),
    ...patroniTimeouts(cluster),
    ...negativeFailoverLag(cluster),
    ...synchronousReplication(cluster, config),
    ...lowerCaseSpiloVariables(cluster, config, environment),
  ];
}
