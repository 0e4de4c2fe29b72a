// `kubectl pg`: the command line around the pure functions of this folder. Exit codes follow
// `kubectl diff`: 0 nothing to report (no difference, adopted, written), 1 differences or a refused
// adoption, 2 an error (usage, unreadable input or configuration, the API, a hook answer that keeps
// everything). No Secret value is ever printed, except generated passwords with `render --show-generated`.
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { ConfigError, defaultConfig, loadConfigFile } from '../hooks/config.js';
import { baseLabels } from '../hooks/cluster.js';
import { cryptoRandom } from '../hooks/random.js';
import type { HookInputs } from '../hooks/sync.js';
import { KubernetesError } from '../operations/kubernetes.js';
import type { OperatorConfig } from '../schemas/config.js';
import type { KubeObject, SyncRequest } from '../schemas/hook.js';
import { planAdoption, planUndo, type AdoptAction } from './adopt.js';
import { desiredForLive, HookRefused, renderChildren } from './desired.js';
import { diffChildren, formatDiff } from './diff.js';
import { InputError, readObjects } from './documents.js';
import type { ClusterApi } from './kubernetes.js';
import { claimedBy } from './live-request.js';
import { clusterFromApi, clusterFromObjects, readParent, type LiveCluster } from './live.js';
import { maskGenerated, placeholderRandom } from './render.js';
import { requestId, requestPatch, type RequestAction } from './requests.js';
import { childKinds, resourceOf, RESOURCES } from './resources.js';
import { statusScreen } from './status.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin(): Promise<string>;
  /** The API adapter, made only when a command needs it. */
  api(): ClusterApi;
  /** The current context's namespace. */
  namespace(): string;
  now(): Date;
}

export const USAGE = `usage: kubectl pg <command> [options]

  render <manifest|-> [--config file] [-o yaml|json] [--show-generated] [--objects file] [--now time]
  diff <cluster> [-n ns] [--live file|-] [--config file]
  adopt <cluster> [-n ns] [--live file|-] [--config file] [--dry-run] [--force]
  adopt --undo <cluster> [-n ns] [--live file|-] [--dry-run]
  status <cluster> [-n ns] [--live file|-] [--config file]
  switchover <cluster> [--to pod] [-n ns]
  restart <cluster> [-n ns]
  reload <cluster> [-n ns]

exit codes: 0 nothing to report, 1 differences or refused, 2 error`;

class UsageError extends Error {}

/** Render's fixed clock: condition times and repair buckets do not move between runs. */
export const RENDER_NOW = new Date('2026-01-01T00:00:00Z');

const OPTIONS = {
  config: { type: 'string' },
  output: { type: 'string', short: 'o', default: 'yaml' },
  'show-generated': { type: 'boolean', default: false },
  objects: { type: 'string' },
  now: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  live: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  undo: { type: 'boolean', default: false },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function configFrom(values: Values): Promise<OperatorConfig> {
  return values.config ? (await loadConfigFile(values.config)).config : defaultConfig();
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected one ${what}, got ${positionals.length}`);
  return positionals[0] as string;
}

function objectsText(objects: KubeObject[], output: string | undefined): string {
  if (output === 'json') return `${JSON.stringify(objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`;
  if (output !== 'yaml') throw new UsageError(`-o must be yaml or json, not ${output}`);
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

async function render(values: Values, positionals: string[], io: Io): Promise<number> {
  const parents = (await readObjects(one(positionals, 'manifest'), io.stdin)).filter((o) => o.kind === 'postgresql');
  if (parents.length === 0) throw new InputError('no postgresql object in the manifest');
  const config = await configFrom(values);
  const now = values.now ? new Date(values.now) : RENDER_NOW;
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now: not a time: ${values.now}`);
  const objects = values.objects ? await readObjects(values.objects, io.stdin) : [];
  const random = values['show-generated'] ? cryptoRandom : placeholderRandom;
  const children = parents.flatMap((parent) => {
    const withNamespace = { ...parent, metadata: { ...parent.metadata, namespace: parent.metadata.namespace ?? 'default' } } as SyncRequest['parent'];
    return renderChildren(withNamespace, { config, now, random }, objects).children;
  });
  io.stdout(objectsText(values['show-generated'] ? children : maskGenerated(children), values.output));
  return 0;
}

async function liveCluster(values: Values, name: string, io: Io, config: OperatorConfig): Promise<LiveCluster> {
  if (values.live) return clusterFromObjects(await readObjects(values.live, io.stdin), name, values.namespace);
  return clusterFromApi(io.api(), values.namespace ?? io.namespace(), name, config);
}

/** The real clock, and a password source whose output is never shown: a missing Secret is reported, not made. */
function liveInputs(config: OperatorConfig, io: Io): HookInputs {
  return { config, now: io.now(), random: placeholderRandom };
}

async function diff(values: Values, positionals: string[], io: Io): Promise<number> {
  const config = await configFrom(values);
  const { parent, live } = await liveCluster(values, one(positionals, 'cluster name'), io, config);
  const { response } = desiredForLive(parent, liveInputs(config, io), live);
  const diffs = diffChildren(response.children, live);
  io.stdout(`${formatDiff(diffs)}\n`);
  return diffs.some((d) => d.outcome !== 'unchanged') ? 1 : 0;
}

async function apply(actions: AdoptAction[], namespace: string, dryRun: boolean, io: Io): Promise<void> {
  for (const action of actions) {
    const line = { action: action.action, object: action.object, patch: action.patch };
    if (dryRun) {
      io.stdout(`${JSON.stringify({ ...line, status: 'planned' })}\n`);
      continue;
    }
    const resource = resourceOf(action);
    if (!resource) throw new InputError(`no API path known for ${action.object}`);
    try {
      await io.api().patch(resource, namespace, action.name, action.patch);
    } catch (error) {
      io.stdout(`${JSON.stringify({ ...line, status: 'failed', error: (error as Error).message })}\n`);
      throw error;
    }
    io.stdout(`${JSON.stringify({ ...line, status: 'done' })}\n`);
  }
}

async function adopt(values: Values, positionals: string[], io: Io): Promise<number> {
  const config = await configFrom(values);
  const name = one(positionals, 'cluster name');
  if (values.live && !values['dry-run']) throw new UsageError('--live reads objects from a file: only with --dry-run (adopt writes through the API)');
  const { parent, live } = await liveCluster(values, name, io, config);
  const namespace = parent.metadata.namespace;
  const dryRun = values['dry-run'] ?? false;
  if (values.undo) {
    const actions = planUndo(parent, live);
    await apply(actions, namespace, dryRun, io);
    io.stdout(`${JSON.stringify({ summary: { cluster: `${namespace}/${name}`, undo: true, dryRun, actions: actions.length } })}\n`);
    return 0;
  }
  let desired: KubeObject[];
  try {
    desired = desiredForLive(parent, liveInputs(config, io), live).response.children;
  } catch (error) {
    if (!(error instanceof HookRefused)) throw error;
    io.stderr(`refused: ${error.message}\n`);
    return 1;
  }
  const plan = planAdoption(parent, desired, live, { childKinds: childKinds(config), force: values.force ?? false });
  for (const refusal of plan.refusals) io.stderr(`${values.force ? 'forced past' : 'refused'}: ${refusal}\n`);
  if (plan.refusals.length > 0 && !values.force) {
    io.stdout(`${JSON.stringify({ summary: { cluster: `${namespace}/${name}`, refused: plan.refusals.length, leftAlone: plan.leftAlone } })}\n`);
    return 1;
  }
  try {
    await apply(plan.actions, namespace, dryRun, io);
  } catch (error) {
    if (plan.actions.some((a) => a.action === 'pause')) io.stderr(`the cluster may stay paused: run adopt again, or remove the annotation postgres-metacontroller.io/pause\n`);
    throw error;
  }
  const count = (kind: AdoptAction['action']) => plan.actions.filter((a) => a.action === kind).length;
  io.stdout(`${JSON.stringify({
    summary: {
      cluster: `${namespace}/${name}`, dryRun, restarts: plan.refusals.length === 0 ? 'none' : 'forced',
      labelled: count('label'), ownersDropped: count('drop-owner'), podsStamped: count('stamp-pod'),
      created: plan.created, leftAlone: plan.leftAlone,
    },
  })}\n`);
  return 0;
}

async function status(values: Values, positionals: string[], io: Io): Promise<number> {
  const config = await configFrom(values);
  const { parent, live } = await liveCluster(values, one(positionals, 'cluster name'), io, config);
  const selector = baseLabels(parent.metadata, config);
  const pods = live.filter((o) => o.kind === 'Pod' && Object.entries(selector).every(([k, v]) => o.metadata.labels?.[k] === v) && o.metadata.labels?.[config.cluster_name_label] === parent.metadata.name && !o.metadata.labels?.['job-name']);
  const children = live.filter((o) => claimedBy(parent, o));
  io.stdout(`${statusScreen({ parent, children, pods: pods.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)), roleLabel: config.pod_role_label })}\n`);
  return 0;
}

async function request(action: RequestAction, values: Values, positionals: string[], io: Io): Promise<number> {
  const name = one(positionals, 'cluster name');
  if (values.to !== undefined && action !== 'switchover') throw new UsageError('--to is for switchover only');
  if (values.to !== undefined && !(values.to.startsWith(`${name}-`) && /^\d+$/.test(values.to.slice(name.length + 1)))) throw new UsageError(`--to must name a pod of ${name} (${name}-<ordinal>)`);
  const namespace = values.namespace ?? io.namespace();
  const api = io.api();
  await readParent(api, namespace, name);
  const id = requestId(io.now());
  const parentResource = RESOURCES.find((r) => r.kind === 'postgresql');
  await api.patch(parentResource!, namespace, name, requestPatch(action, id, values.to));
  io.stdout(`${JSON.stringify({ action, cluster: `${namespace}/${name}`, requestId: id, ...(values.to ? { to: values.to } : {}) })}\n`);
  return 0;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    const { values, positionals } = parse(rest);
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    switch (command) {
      case 'render': return await render(values, positionals, io);
      case 'diff': return await diff(values, positionals, io);
      case 'adopt': return await adopt(values, positionals, io);
      case 'status': return await status(values, positionals, io);
      case 'switchover': case 'restart': case 'reload': return await request(command, values, positionals, io);
      default: throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) io.stderr(`error: ${error.message}\n${USAGE}\n`);
    else if (error instanceof InputError || error instanceof ConfigError || error instanceof KubernetesError || error instanceof HookRefused) io.stderr(`error: ${error.message}\n`);
    else throw error;
    return 2;
  }
}
