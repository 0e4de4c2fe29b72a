// `npm run operations -- --state <file> [--member name=url ...] [--outdated a,b] [--recreate-command CMD] [--dry-run] [--termination-log PATH]`:
// carries out the state's one action. Members named on the command line (or in PGMC_MEMBERS) select local
// mode; without them the members are the pods the Kubernetes API lists. Exit 0 when done (or planned, with
// --dry-run), 1 when refused or failed, 2 on unusable input.
import { parseArgs } from 'node:util';
import { OperationsState } from '../schemas/operations-state.js';
import { endWithSummary, summaryLine, terminationLogOf } from '../schemas/job-summary.js';
import { stateFileReader } from '../schemas/state-file.js';
import type { KubernetesApi } from './kubernetes.js';
import { jobEvents, noEvents, type EventRecorder } from './recorder.js';
import { startedEvent } from './report-events.js';
import { localMembers, parseMembers } from './local.js';
import type { MemberSource } from './members.js';
import { OperationsReport } from './report.js';
import { runOperation } from './run.js';

export const loadOperationsState = stateFileReader(OperationsState, 'an operations state');

const USAGE = 'usage: operations --state <file> [--member name=http://host:port ...] [--outdated name,...] [--recreate-command CMD] [--dry-run] [--wait-seconds N] [--termination-log PATH]';

interface Access { source: MemberSource; kubernetes?: KubernetesApi; events?: EventRecorder }

interface Invocation {
  state: OperationsState;
  source: () => Promise<Access>;
  dryRun: boolean;
  waitMs: number;
}

function parse(argv: string[], env: NodeJS.ProcessEnv): Invocation {
  const { values } = parseArgs({
    args: argv,
    options: {
      state: { type: 'string' },
      member: { type: 'string', multiple: true },
      outdated: { type: 'string' },
      'recreate-command': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'wait-seconds': { type: 'string', default: '300' },
      'termination-log': { type: 'string' },
    },
  });
  if (!values.state) throw new Error(USAGE);
  const state = loadOperationsState(values.state);
  const waitMs = Number(values['wait-seconds']) * 1000;
  if (!(waitMs > 0)) throw new Error(`--wait-seconds must be a positive number: ${USAGE}`);
  const named = values.member?.length ? values.member : env.PGMC_MEMBERS ? [env.PGMC_MEMBERS] : [];
  if (named.length === 0) {
    if (values.outdated !== undefined || values['recreate-command'] !== undefined) throw new Error('--outdated and --recreate-command need members named with --member or PGMC_MEMBERS');
    return {
      state, dryRun: values['dry-run'], waitMs,
      // Loaded only in Kubernetes mode: local runs need no Kubernetes client.
      source: async () => {
        const kubernetes = (await import('./kubernetes.js')).kubernetesApi();
        const events = await jobEvents(state.parentUid ? { name: state.cluster, namespace: state.namespace, uid: state.parentUid } : undefined,
          { component: 'postgres-metacontroller-operations', instance: env.HOSTNAME ?? 'operations' }, (line) => process.stderr.write(`${line}\n`));
        return { source: (await import('./kubernetes-members.js')).kubernetesMembers(state, kubernetes), kubernetes, events };
      },
    };
  }
  const members = parseMembers(named);
  const outdated = values.outdated === undefined ? 'all' as const : new Set(values.outdated.split(',').map((s) => s.trim()).filter(Boolean));
  const unknown = outdated === 'all' ? [] : [...outdated].filter((name) => !members.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`--outdated names no member: ${unknown.join(', ')}`);
  const recreateCommand = values['recreate-command'];
  if (state.action === 'rollout' && !values['dry-run'] && !recreateCommand) throw new Error('a rollout in local mode needs --recreate-command (or --dry-run)');
  const source = localMembers(members, { outdated, ...(recreateCommand ? { recreateCommand } : {}) });
  return { state, dryRun: values['dry-run'], waitMs, source: async () => ({ source }) };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, write: (line: string) => void): Promise<number> {
  const terminationLog = terminationLogOf(argv);
  let invocation: Invocation;
  let access: Access;
  try {
    invocation = parse(argv, env);
    access = await invocation.source();
  } catch (error) {
    endWithSummary(write, terminationLog, summaryLine({ outcome: 'unusable', message: (error as Error).message }));
    return 2;
  }
  const events = access.events ?? noEvents;
  const report = new OperationsReport(write, terminationLog, events);
  if (!invocation.dryRun) events.record(startedEvent('operations', invocation.state.action, env.HOSTNAME ?? 'operations'));
  try {
    const { source, kubernetes } = access;
    const outcome = await runOperation(invocation.state, { source, report, dryRun: invocation.dryRun, waitMs: invocation.waitMs, ...(kubernetes ? { kubernetes } : {}) });
    return outcome === 'done' || outcome === 'planned' ? 0 : 1;
  } catch (error) {
    report.summary(invocation.state.action, 'failed', (error as Error).message);
    return 1;
  } finally {
    await events.flush();
  }
}
