// A thin client for one Patroni member's REST API: typed answers, bounded waits, and errors that carry
// the HTTP status and Patroni's own message. It decides nothing; callers choose whom to ask and what to do.
import { request } from 'undici';

/** `GET /patroni`: the member's own view. Patroni 3 says `master` where Patroni 4 says `primary`. */
export interface MemberStatus {
  state: string;
  role: string;
  postmaster_start_time?: string;
  server_version?: number;
  timeline?: number;
  pending_restart?: boolean;
  /** Patroni 4 only: which parameters wait for a restart. */
  pending_restart_reason?: Record<string, { old_value: string; new_value: string }>;
  /** Present on a member that has walsenders (a primary or a cascading standby). */
  replication?: Array<{ usename: string; application_name: string; client_addr: string | null; state: string; sync_state: string }>;
  xlog?: { location?: number; received_location?: number; replayed_location?: number; paused?: boolean };
  cluster_unlocked?: boolean;
  database_system_identifier?: string;
  tags?: Record<string, unknown>;
  pause?: boolean;
  patroni: { version: string; scope: string };
}

/** One entry of `GET /cluster`. `lag` is bytes behind the leader, or `unknown`. */
export interface ClusterMember {
  name: string;
  role: string;
  state: string;
  api_url?: string;
  host?: string;
  port?: number;
  timeline?: number;
  lag?: number | string;
  pending_restart?: boolean;
  tags?: Record<string, unknown>;
}

export interface ClusterStatus {
  members: ClusterMember[];
  pause?: boolean;
  scheduled_switchover?: { at: string; from: string; to?: string };
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `GET /config`: the dynamic configuration in the DCS, as stored (numbers may be strings). */
export type DynamicConfig = JsonObject;

export interface RestartRequest {
  /** Only restart when Patroni reports a pending restart. */
  restart_pending?: boolean;
  role?: 'primary' | 'replica';
  postgres_version?: string;
  timeout?: number;
  schedule?: string;
}

export interface SwitchoverRequest {
  leader: string;
  candidate?: string;
  scheduled_at?: string;
}

export class PatroniError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    /** HTTP status, or undefined when no answer came (refused, timed out). */
    readonly status: number | undefined,
    /** Patroni's message (its body, or the reason the request failed). */
    readonly detail: string,
  ) {
    super(`${method} ${url}: ${status === undefined ? '' : `${status} `}${detail}`);
    this.name = 'PatroniError';
  }
}

export interface PatroniClientOptions {
  /** Per request, unless the call says otherwise. */
  timeoutMs?: number;
}

export interface PatroniClient {
  readonly url: string;
  status(): Promise<MemberStatus>;
  cluster(): Promise<ClusterStatus>;
  config(): Promise<DynamicConfig>;
  /** A JSON merge patch (null removes a key); answers the configuration after the patch. */
  patchConfig(patch: JsonObject): Promise<DynamicConfig>;
  /** Waits for the new leader; answers Patroni's message ("Successfully switched over to …"). */
  switchover(switchover: SwitchoverRequest, options?: { timeoutMs?: number }): Promise<string>;
  /** Waits until PostgreSQL is back; answers Patroni's message. */
  restart(restart?: RestartRequest, options?: { timeoutMs?: number }): Promise<string>;
  /** Schedules a reload of Patroni's configuration and PostgreSQL's (HTTP 202). */
  reload(): Promise<string>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Patroni answers a switchover after polling for up to max(10, loop_wait) × 2 seconds, a restart after PostgreSQL is up. */
const SLOW_TIMEOUT_MS = 120_000;

/** Patroni's error pages come from Python's http.server; keep their message, not the markup. */
function message(body: string): string {
  const fromPage = /<p>Message: (.*?)<\/p>/s.exec(body)?.[1];
  return (fromPage ?? body).trim() || '(empty answer)';
}

export function patroniClient(baseUrl: string, options: PatroniClientOptions = {}): PatroniClient {
  const url = baseUrl.replace(/\/+$/, '');
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call(method: 'GET' | 'PATCH' | 'POST', path: string, body: unknown, timeoutMs: number): Promise<string> {
    const target = `${url}${path}`;
    let answer;
    try {
      answer = await request(target, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
      throw new PatroniError(method, target, undefined, reason);
    }
    let text: string;
    try {
      text = await answer.body.text();
    } catch (error) {
      throw new PatroniError(method, target, answer.statusCode, `answer cut off: ${(error as Error).message}`);
    }
    if (answer.statusCode < 200 || answer.statusCode >= 300) throw new PatroniError(method, target, answer.statusCode, message(text));
    return text;
  }

  async function json<T>(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<T> {
    const text = await call(method, path, body, defaultTimeout);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new PatroniError(method, `${url}${path}`, 200, `not JSON: ${text.slice(0, 200)}`);
    }
  }

  return {
    url,
    status: () => json<MemberStatus>('GET', '/patroni'),
    cluster: () => json<ClusterStatus>('GET', '/cluster'),
    config: () => json<DynamicConfig>('GET', '/config'),
    patchConfig: (patch) => json<DynamicConfig>('PATCH', '/config', patch),
    switchover: async (switchover, callOptions) => message(await call('POST', '/switchover', switchover, callOptions?.timeoutMs ?? SLOW_TIMEOUT_MS)),
    restart: async (restart = {}, callOptions) => message(await call('POST', '/restart', restart, callOptions?.timeoutMs ?? SLOW_TIMEOUT_MS)),
    reload: async () => message(await call('POST', '/reload', undefined, defaultTimeout)),
  };
}
