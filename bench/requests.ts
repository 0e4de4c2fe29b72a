// Request bodies for the benchmark: a cluster in steady state (every child created, every instance
// ready, every Job finished), as Metacontroller sends it on a resync, and the variants that grow it.
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { KubeObject, SyncRequest } from '../schemas/hook.js';
import { fedBack, inputs, JOB_SUCCEEDED, withJobStatus, withReadyInstances } from '../test/support.js';

type Manifest = KubeObject & { spec: Record<string, unknown> };

/** The request after the hook's answer was applied, every instance reported ready and every Job complete. */
export function steadyRequest(manifest: Manifest): SyncRequest {
  const fresh = syncRequest(manifest);
  const instances = Number(manifest.spec.numberOfInstances ?? 1);
  const running = withReadyInstances(fresh, sync(fresh, inputs()), instances);
  const settled = withJobStatus(withReadyInstances(running, sync(running, inputs()), instances), () => true, JOB_SUCCEEDED);
  return fedBackKeepingStatus(settled);
}

/** One more round trip, so the parent's status is the one the hook answers for this state. */
function fedBackKeepingStatus(request: SyncRequest): SyncRequest {
  const next = fedBack(request, sync(request, inputs()));
  return { ...request, parent: next.parent };
}

export function fixtureRequest(name: string): SyncRequest {
  return steadyRequest(loadManifest(name));
}

/** The minimal example with `count` users, each with a credentials Secret. */
export function withUsers(count: number): SyncRequest {
  const minimal = loadManifest('minimal');
  const users = Object.fromEntries(Array.from({ length: count }, (_, i) => [`app_user_${i}`, ['createdb']]));
  return steadyRequest({ ...minimal, spec: { ...minimal.spec, users } });
}

/** The minimal example with `count` prepared databases of two schemas each and their default users. */
export function withPreparedDatabases(count: number): SyncRequest {
  const minimal = loadManifest('minimal');
  const preparedDatabases = Object.fromEntries(Array.from({ length: count }, (_, i) => [`shop_${i}`, { defaultUsers: true, schemas: { data: {}, history: {} } }]));
  return steadyRequest({ ...minimal, spec: { ...minimal.spec, preparedDatabases } });
}

/**
 * The minimal example observing `count` more Secrets than it declares (credentials of users since removed
 * from the manifest): the cost of reading observed children, apart from the cost of building them.
 */
export function withObservedSecrets(count: number): SyncRequest {
  const request = steadyRequest(loadManifest('minimal'));
  const secrets = { ...request.children['Secret.v1'] };
  const namespace = request.parent.metadata.namespace;
  const template = Object.values(secrets)[0]!;
  for (let i = 0; i < count; i += 1) {
    const name = `former-user-${i}.${request.parent.metadata.name}.credentials.postgresql.acid.zalan.do`;
    secrets[`${namespace}/${name}`] = { ...template, metadata: { ...template.metadata, name } };
  }
  return { ...request, children: { ...request.children, 'Secret.v1': secrets } };
}
