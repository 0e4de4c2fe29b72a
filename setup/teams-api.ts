// The Teams API client of the setup Job, asking what Zalando's client asks (pkg/util/teams/teams.go):
// `GET <url without trailing slashes>/teams/<team>` with `Authorization: Bearer <token>`, the members in
// the answer's `member` list; the token is used only when its type (`read-only-token-type`) is Bearer.
// A 404 means the team is unknown to the API (a virtual team): no members from it, as in Zalando. Every
// other failure is an answer the caller reports; nothing here throws. Bounded: a timeout per attempt, a
// few attempts for what may pass (network errors, timeouts, 429, 5xx), and a cap on the answer's size.
import { request } from 'undici';

export interface TeamsApiAccess { url: string; token: string | undefined; tokenType: string | undefined }

export interface FetchLimits {
  timeoutMs: number;
  attempts: number;
  /** Wait before the second attempt, doubled for each further one. */
  retryDelayMs: number;
  maxBodyBytes: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_LIMITS: FetchLimits = {
  timeoutMs: 10_000,
  attempts: 3,
  retryDelayMs: 1000,
  maxBodyBytes: 1024 * 1024,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type TeamAnswer = { members: string[] } | { notFound: true } | { error: string };

const ERROR_TEXT_LENGTH = 200;

/** Why the token cannot be used, or undefined when it can. */
export function tokenProblem(access: TeamsApiAccess): string | undefined {
  if (!access.token) return 'no Teams API token: the key read-only-token-secret of the oauth_token_secret_name Secret is missing or empty';
  if (access.tokenType !== 'Bearer') return 'the Teams API token is not used: the key read-only-token-type of the oauth_token_secret_name Secret is not Bearer';
  return undefined;
}

export function teamUrl(base: string, team: string): string {
  return `${base.replace(/\/+$/, '')}/teams/${encodeURIComponent(team)}`;
}

/** The members of a 200 answer: Zalando's team object, or the bare list of names the user guide shows. */
function membersOf(body: unknown): string[] | undefined {
  const list = Array.isArray(body) ? body : (body as { member?: unknown } | null)?.member;
  return Array.isArray(list) && list.every((m) => typeof m === 'string') ? list : undefined;
}

/** An error answer's `error` field, as Zalando quotes it, cut short. */
function errorText(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    if (error === undefined) return '';
    const quoted = typeof error === 'string' ? error : JSON.stringify(error);
    return `: ${quoted.length > ERROR_TEXT_LENGTH ? `${quoted.slice(0, ERROR_TEXT_LENGTH)}…` : quoted}`;
  } catch {
    return ' and an answer that is not JSON';
  }
}

class TooLarge extends Error {}

async function readText(body: AsyncIterable<Buffer> & { destroy: () => void }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new TooLarge(`the answer is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type Attempt = TeamAnswer & { retry?: boolean };

async function attempt(url: string, token: string, limits: FetchLimits): Promise<Attempt> {
  try {
    const response = await request(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
    const text = await readText(response.body, limits.maxBodyBytes);
    const status = response.statusCode;
    if (status === 404) return { notFound: true };
    if (status !== 200) return { error: `status ${status}${errorText(text)}`, retry: status === 429 || status >= 500 };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { error: 'status 200 with an answer that is not JSON' };
    }
    const members = membersOf(parsed);
    return members ? { members } : { error: 'status 200 with an answer that has no list of member names' };
  } catch (error) {
    if (error instanceof TooLarge) return { error: error.message };
    const { name, code } = error as { name?: string; code?: string };
    if (name === 'TimeoutError' || name === 'AbortError') return { error: `no answer within ${limits.timeoutMs / 1000}s`, retry: true };
    return { error: `request failed (${code ?? name ?? 'error'})`, retry: true };
  }
}

/** The members of one team, or why they are not known; the token never appears in an answer. */
export async function fetchTeam(access: TeamsApiAccess, team: string, limits: FetchLimits = DEFAULT_LIMITS): Promise<TeamAnswer> {
  const problem = tokenProblem(access);
  if (problem) return { error: problem };
  const token = access.token as string;
  const url = teamUrl(access.url, team);
  let answer: Attempt = { error: 'not asked' };
  for (let i = 0; i < limits.attempts; i += 1) {
    if (i > 0) await limits.sleep(limits.retryDelayMs * 2 ** (i - 1));
    answer = await attempt(url, token, limits);
    if (!answer.retry) break;
  }
  if ('error' in answer) {
    const tries = limits.attempts > 1 && answer.retry ? ` (${limits.attempts} attempts)` : '';
    return { error: `${answer.error.replaceAll(token, '<token>')}${tries}` };
  }
  return 'members' in answer ? { members: answer.members } : { notFound: true };
}
