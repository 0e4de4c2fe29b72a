// Requests and limits of every container the operator builds, with Zalando's algorithm
// (zalando-objects.md §2.5): defaults, minimum limits, limit ≥ request, memory request = limit,
// maximum requests. Only the `postgres` container gets the minimum/maximum enforcement.
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { OperatorConfig } from '../schemas/config.js';
import type { Resources } from '../schemas/postgresql.js';
import type { Cluster } from './cluster.js';
import { compareQuantities, isEmptyQuantity } from './quantity.js';
import { compact, nonEmpty } from './maps.js';

export interface ResourceDefaults { cpuRequest?: string | undefined; memoryRequest?: string | undefined; cpuLimit?: string | undefined; memoryLimit?: string | undefined }

interface Amounts { cpu?: string | undefined; memory?: string | undefined; 'hugepages-2Mi'?: string | undefined; 'hugepages-1Gi'?: string | undefined }

function pick(manifest: string | undefined, fallback: string | undefined): string | undefined {
  if (!isEmptyQuantity(manifest)) return manifest;
  return isEmptyQuantity(fallback) ? undefined : fallback;
}

function isLess(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && compareQuantities(a, b) < 0;
}

export function postgresDefaults(config: OperatorConfig): ResourceDefaults {
  return {
    cpuRequest: config.default_cpu_request,
    memoryRequest: config.default_memory_request,
    cpuLimit: config.default_cpu_limit,
    memoryLimit: config.default_memory_limit,
  };
}

export interface ResourceOptions {
  /** Apply min_*_limit and max_*_request (the postgres container, unless the parent opts out). */
  enforceBounds: boolean;
}

export function resourceRequirements(
  manifest: Resources | undefined, defaults: ResourceDefaults, config: OperatorConfig, options: ResourceOptions,
): IResourceRequirements | undefined {
  const requests: Amounts = {
    cpu: pick(manifest?.requests?.cpu, defaults.cpuRequest),
    memory: pick(manifest?.requests?.memory, defaults.memoryRequest),
    'hugepages-2Mi': manifest?.requests?.['hugepages-2Mi'],
    'hugepages-1Gi': manifest?.requests?.['hugepages-1Gi'],
  };
  const limits: Amounts = {
    cpu: pick(manifest?.limits?.cpu, defaults.cpuLimit),
    memory: pick(manifest?.limits?.memory, defaults.memoryLimit),
    'hugepages-2Mi': manifest?.limits?.['hugepages-2Mi'],
    'hugepages-1Gi': manifest?.limits?.['hugepages-1Gi'],
  };
  if (options.enforceBounds) {
    // An absent limit counts as zero, so a minimum also creates a limit where there was none.
    if (!isEmptyQuantity(config.min_cpu_limit) && (limits.cpu === undefined || isLess(limits.cpu, config.min_cpu_limit))) limits.cpu = config.min_cpu_limit;
    if (!isEmptyQuantity(config.min_memory_limit) && (limits.memory === undefined || isLess(limits.memory, config.min_memory_limit))) limits.memory = config.min_memory_limit;
  }
  if (isLess(limits.cpu, requests.cpu)) limits.cpu = requests.cpu;
  if (isLess(limits.memory, requests.memory)) limits.memory = requests.memory;
  if (config.set_memory_request_to_limit && limits.memory !== undefined && (requests.memory === undefined || isLess(requests.memory, limits.memory))) {
    requests.memory = limits.memory;
  }
  if (options.enforceBounds) {
    if (!isEmptyQuantity(config.max_cpu_request) && isLess(config.max_cpu_request, requests.cpu)) requests.cpu = config.max_cpu_request;
    if (!isEmptyQuantity(config.max_memory_request) && isLess(config.max_memory_request, requests.memory)) requests.memory = config.max_memory_request;
  }
  const result = compact({ requests: nonEmpty(compact(requests) as Record<string, string>), limits: nonEmpty(compact(limits) as Record<string, string>) });
  return Object.keys(result).length > 0 ? result : undefined;
}

/** The postgres container's resources; the parent can lift the bounds with the configured annotation. */
export function postgresResources(cluster: Cluster, config: OperatorConfig): IResourceRequirements | undefined {
  const optOut = config.ignore_resources_limits_annotation_key;
  const enforceBounds = !(optOut && cluster.annotations[optOut] === 'true');
  return resourceRequirements(cluster.spec.resources, postgresDefaults(config), config, { enforceBounds });
}

/** The pooler container's resources: the manifest's, with the pooler defaults of the configuration. */
export function poolerResources(cluster: Cluster, config: OperatorConfig): IResourceRequirements | undefined {
  const defaults = {
    cpuRequest: config.connection_pooler_default_cpu_request,
    memoryRequest: config.connection_pooler_default_memory_request,
    cpuLimit: config.connection_pooler_default_cpu_limit,
    memoryLimit: config.connection_pooler_default_memory_limit,
  };
  return resourceRequirements(cluster.spec.connectionPooler?.resources, defaults, config, { enforceBounds: false });
}
