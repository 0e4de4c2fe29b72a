// The Teams API client against a small HTTP server that answers as Zalando's client expects.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { DEFAULT_LIMITS, fetchTeam, teamUrl, type FetchLimits, type TeamsApiAccess } from './teams-api.js';

const TOKEN = 'secret-token-Recognisable-123';
const limits: FetchLimits = { ...DEFAULT_LIMITS, timeoutMs: 5000, retryDelayMs: 1, sleep: async () => undefined };

interface Seen { url: string | undefined; authorization: string | undefined }

/** A Teams API: each team path answers with a handler; every request is recorded. */
async function teamsApi(t: Test, answers: Record<string, (res: ServerResponse) => void>): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid token' }));
      return;
    }
    const answer = answers[req.url ?? ''];
    if (answer) answer(res);
    else res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, seen };
}

const json = (status: number, body: unknown) => (res: ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const access = (url: string, token: string | undefined = TOKEN, tokenType: string | undefined = 'Bearer'): TeamsApiAccess => ({ url, token, tokenType });

t.test('the URL is the configured one without trailing slashes, plus /teams/<team>, the team name encoded', async (t) => {
  t.equal(teamUrl('https://teams.example.com/api/', 'acid'), 'https://teams.example.com/api/teams/acid');
  t.equal(teamUrl('https://teams.example.com/api//', 'a/b team'), 'https://teams.example.com/api/teams/a%2Fb%20team');
});

t.test('members come from the team object or a bare list, with the token as a Bearer header', async (t) => {
  const api = await teamsApi(t, {
    '/api/teams/acid': json(200, { id: 'acid', id_name: 'acid', member: ['tia', 'bob'], mail: ['acid@example.com'] }),
    '/api/teams/bare': json(200, ['flynch']),
    '/api/teams/empty': json(200, { id: 'empty', member: [] }),
  });
  t.same(await fetchTeam(access(api.url), 'acid', limits), { members: ['tia', 'bob'] });
  t.same(await fetchTeam(access(api.url), 'bare', limits), { members: ['flynch'] }, 'the user guide\'s minimal API');
  t.same(await fetchTeam(access(api.url), 'empty', limits), { members: [] });
  t.same(api.seen[0], { url: '/api/teams/acid', authorization: `Bearer ${TOKEN}` });
});

t.test('a team the API does not know (404) has no members from it, as in Zalando', async (t) => {
  const api = await teamsApi(t, {});
  t.same(await fetchTeam(access(api.url), 'virtual-team', limits), { notFound: true });
  t.equal(api.seen.length, 1, 'not retried');
});

t.test('a refused token, a missing token and a token of another type are failures; the last two send nothing', async (t) => {
  const api = await teamsApi(t, { '/api/teams/acid': json(200, { member: ['tia'] }) });
  t.same(await fetchTeam(access(api.url, 'wrong-token'), 'acid', limits), { error: 'status 401: invalid token' });
  t.equal(api.seen.length, 1, 'a 401 is not retried');
  t.match(await fetchTeam({ url: api.url, token: undefined, tokenType: 'Bearer' }, 'acid', limits), { error: /no Teams API token/ });
  t.match(await fetchTeam(access(api.url, ''), 'acid', limits), { error: /no Teams API token/ });
  t.match(await fetchTeam(access(api.url, TOKEN, 'Basic'), 'acid', limits), { error: /read-only-token-type .* is not Bearer/ });
  t.equal(api.seen.length, 1, 'nothing sent without a usable token');
});

t.test('server errors are retried, then reported with the API\'s error text, never with the token', async (t) => {
  let calls = 0;
  const api = await teamsApi(t, {
    '/api/teams/down': json(500, { error: 'database down' }),
    '/api/teams/echo': json(503, { error: `bad ${TOKEN}` }),
    '/api/teams/flaky': (res) => { calls += 1; (calls < 3 ? json(502, {}) : json(200, { member: ['tia'] }))(res); },
    '/api/teams/html': (res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>oops</h1>'),
    '/api/teams/busy': json(429, { error: 'slow down' }),
  });
  t.same(await fetchTeam(access(api.url), 'down', limits), { error: 'status 500: database down (3 attempts)' });
  t.equal(api.seen.filter((s) => s.url === '/api/teams/down').length, 3);
  const echoed = await fetchTeam(access(api.url), 'echo', limits);
  t.same(echoed, { error: 'status 503: bad <token> (3 attempts)' });
  t.same(await fetchTeam(access(api.url), 'flaky', limits), { members: ['tia'] }, 'a later attempt succeeds');
  t.same(await fetchTeam(access(api.url), 'html', limits), { error: 'status 500 and an answer that is not JSON (3 attempts)' });
  t.same(await fetchTeam(access(api.url), 'busy', { ...limits, attempts: 1 }), { error: 'status 429: slow down' });
});

t.test('malformed bodies are failures, not empty teams', async (t) => {
  const api = await teamsApi(t, {
    '/api/teams/text': (res) => res.writeHead(200).end('tia,bob'),
    '/api/teams/scalar': json(200, { member: 'tia' }),
    '/api/teams/nomember': json(200, { id: 'nomember' }),
    '/api/teams/numbers': json(200, { member: ['tia', 7] }),
    '/api/teams/null': json(200, null),
    '/api/teams/huge': json(200, { member: Array.from({ length: 50_000 }, (_, i) => `member_${i}`) }),
  });
  t.same(await fetchTeam(access(api.url), 'text', limits), { error: 'status 200 with an answer that is not JSON' });
  for (const team of ['scalar', 'nomember', 'numbers', 'null']) {
    t.same(await fetchTeam(access(api.url), team, limits), { error: 'status 200 with an answer that has no list of member names' }, team);
  }
  t.same(await fetchTeam(access(api.url), 'huge', { ...limits, maxBodyBytes: 64 * 1024 }), { error: 'the answer is larger than 65536 bytes' });
});

t.test('an API that does not answer in time, or cannot be reached, is a failure after the attempts', async (t) => {
  const api = await teamsApi(t, { '/api/teams/slow': () => undefined });
  const started = Date.now();
  t.same(await fetchTeam(access(api.url), 'slow', { ...limits, timeoutMs: 100, attempts: 2 }), { error: 'no answer within 0.1s (2 attempts)' });
  t.ok(Date.now() - started < 2000, 'bounded by the timeouts');
  t.same(await fetchTeam(access('http://127.0.0.1:1/api'), 'acid', { ...limits, attempts: 2 }), { error: 'request failed (ECONNREFUSED) (2 attempts)' });
});
