// Answers of pure functions kept while their inputs repeat. Metacontroller sends every cluster again on
// each resync and each change of a child, nearly always with the same spec, so what is built from the
// spec and the configuration alone is the same as last time. An entry is keyed by everything its function
// reads, or keyed by part of it and kept with the rest to compare (`isCurrent`); each configuration object
// has its own entries, least recently used out first. What is kept is
// deeply frozen, because the next call gets the very same objects: a builder that changed one would
// throw instead of changing another answer.
import type { OperatorConfig } from '../schemas/config.js';
import { clusterDigest, type Cluster } from './cluster.js';

const frozen = new WeakSet<object>();

/** `value`, frozen with everything it holds; such objects never change, so their identity names their content. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || frozen.has(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  Object.freeze(value);
  frozen.add(value);
  return value;
}

export function isDeeplyFrozen(value: object): boolean {
  return frozen.has(value);
}

/**
 * Values by key, at most `size`, the least recently used dropped first; what is kept is frozen. `isCurrent`, when
 * given, decides whether a kept value still answers (for values that carry what they were computed from).
 */
export function lru<T>(size: number): (key: string, compute: () => T, isCurrent?: (kept: T) => boolean) => T {
  const kept = new Map<string, T>();
  return (key, compute, isCurrent) => {
    const found = kept.get(key);
    kept.delete(key);
    if (found !== undefined && (!isCurrent || isCurrent(found))) {
      kept.set(key, found);
      return found;
    }
    const value = deepFreeze(compute());
    kept.set(key, value);
    if (kept.size > size) kept.delete(kept.keys().next().value!);
    return value;
  };
}

export interface Memo<T> {
  /** The kept value of `key` (if `isCurrent` accepts it), or `compute()`'s, kept frozen. */
  (config: OperatorConfig, key: string, compute: () => T, isCurrent?: (kept: T) => boolean): T;
}

/** `lru` with entries of their own for each configuration object (a new configuration builds everything anew). */
export function memo<T>(size: number): Memo<T> {
  const byConfig = new WeakMap<OperatorConfig, ReturnType<typeof lru<T>>>();
  return (config, key, compute, isCurrent) => {
    let kept = byConfig.get(config);
    if (!kept) byConfig.set(config, (kept = lru<T>(size)));
    return kept(key, compute, isCurrent);
  };
}

/** `build`, a pure function of the cluster (what clusterDigest covers) and the configuration, with its answers kept. */
export function keptBySpec<T>(build: (cluster: Cluster, config: OperatorConfig) => T[], size = 256): (cluster: Cluster, config: OperatorConfig) => T[] {
  const kept = memo<T[]>(size);
  return (cluster, config) => [...kept(config, clusterDigest(cluster), () => build(cluster, config))];
}
