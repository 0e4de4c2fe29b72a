// The HTTP service Metacontroller calls. Contract errors are answered with a JSON error naming the
// problem; an unexpected failure is a 500 so Metacontroller changes nothing. Request bodies carry
// Secrets and are never logged.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { OperatorConfig } from '../schemas/config.js';
import { CustomizeRequest, CustomizeResponse, ErrorResponse, FinalizeResponse, SyncRequest, SyncResponse, type KubeObject } from '../schemas/hook.js';
import { AnswerCache, requestDigest, wakeAtOf, withResync } from './answer-cache.js';
import { customize } from './customize.js';
import { clusterSample, type ClusterSample } from './cluster-metrics.js';
import { Metrics } from './metrics.js';
import { cryptoRandom, type RandomSource } from './random.js';
import { finalize, sync } from './sync.js';

export const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;
/** Sync answers kept for unchanged requests (hooks/answer-cache.ts): about 2,000 clusters of 15 KiB answers. */
export const DEFAULT_ANSWER_CACHE_MIB = 32;

export interface AppOptions {
  config: OperatorConfig;
  logger: Logger;
  bodyLimit?: number;
  /** 0 computes every answer. */
  answerCacheMiB?: number;
  clock?: () => Date;
  random?: RandomSource;
}

class ContractError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
  }
}

/** JSON.parse messages quote the input, which may hold Secret data; report the position only. */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new ContractError(400, 'InvalidJSON', `the body is not valid JSON${position ? ` (error at byte ${position})` : ''}`);
  }
}

/**
 * What an unexpected error may tell: its class and Node's error code, never its message, which can
 * quote any value it was built from (Node's argument errors print the argument, YAML errors the
 * source text, and either may be Secret data). The stack keeps its frames only: its first lines
 * repeat the message.
 */
function describeFailure(error: unknown): { type: string; code?: string; frames?: string } {
  const name = error instanceof Error ? error.name : typeof error;
  const type = /^\w{1,64}$/.test(name) ? name : 'Error';
  const code = (error as { code?: unknown } | null)?.code;
  const failure: { type: string; code?: string; frames?: string } = { type };
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code)) failure.code = code;
  if (error instanceof Error && typeof error.stack === 'string') {
    const afterMessage = error.message === '' ? error.stack : error.stack.split(error.message).at(-1);
    const frames = afterMessage?.split('\n').filter((line) => /^\s+at [^\s]/.test(line)) ?? [];
    if (error.stack.includes(error.message) && frames.length > 0) failure.frames = frames.join('\n');
  }
  return failure;
}

function isFastifyClientError(error: FastifyError | ContractError): error is FastifyError {
  const { code, statusCode } = error as FastifyError;
  return typeof code === 'string' && code.startsWith('FST_') && typeof statusCode === 'number' && statusCode < 500;
}

function countByKind(children: KubeObject[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const child of children) counts[child.kind] = (counts[child.kind] ?? 0) + 1;
  return counts;
}

export interface App { app: FastifyInstance; metrics: Metrics; setReady(ready: boolean): void }

/** What a sync call reports besides its answer, kept with the answer for the calls it is given again. */
interface SyncReport { parent: ParentName; children: Record<string, number>; status: string; sample: Omit<ClusterSample, 'at'> }
interface ParentName { namespace: string; name: string }

/** JSON written here: Fastify sends a string with a JSON content type as it is. */
function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

export function buildApp(options: AppOptions): App {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? cryptoRandom;
  const metrics = new Metrics();
  let ready = true;

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // One line per hook call is written by the handlers themselves; Fastify's request lines are off.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError | ContractError, request, reply) => {
    const hook = request.url.replace(/^\//, '').split('?')[0] ?? '';
    let status = 500;
    let body: { error: string; message: string };
    if (error instanceof ContractError) {
      status = error.statusCode;
      body = { error: error.code, message: error.message };
    } else if ((error as FastifyError).validation) {
      status = 400;
      body = { error: 'InvalidRequest', message: `the request is not a Metacontroller ${hook} request: ${error.message}` };
    } else if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      body = { error: 'BodyTooLarge', message: `the body is larger than the limit of ${options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes (BODY_LIMIT)` };
    } else if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || (error as FastifyError).statusCode === 415) {
      status = 415;
      body = { error: 'UnsupportedMediaType', message: 'hooks accept application/json only' };
    } else if (isFastifyClientError(error)) {
      // Fastify's own messages about the request's form; they quote no part of the body.
      status = error.statusCode!;
      body = { error: 'BadRequest', message: error.message };
    } else {
      const parent = (request.body as { parent?: { metadata?: { namespace?: unknown; name?: unknown } } } | undefined)?.parent?.metadata;
      const failure = describeFailure(error);
      request.log.error({ hook, namespace: parent?.namespace, name: parent?.name, err: failure }, 'hook failed; answering 500 so nothing is changed');
      body = { error: 'InternalError', message: `${hook} failed (${failure.type}${failure.code ? ` ${failure.code}` : ''}); no children were changed` };
    }
    metrics.requests.inc({ hook, code: String(status) });
    metrics.errors.inc({ hook, reason: body.error });
    return reply.code(status).send(body);
  });

  function observe(hook: string, parent: ParentName, started: bigint, children: Record<string, number>, extra: Record<string, unknown>) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.requests.inc({ hook, code: '200' });
    metrics.duration.observe({ hook }, seconds);
    for (const [kind, n] of Object.entries(children)) metrics.children.inc({ hook, kind }, n);
    logger.info({ hook, namespace: parent.namespace, name: parent.name, durationMs: Math.round(seconds * 1e5) / 100, children, ...extra }, `${hook} answered`);
  }

  function reportSync(report: SyncReport, started: bigint, now: Date, reused: boolean) {
    metrics.clusters.record({ ...report.sample, at: now.getTime() });
    observe('sync', report.parent, started, report.children, { status: report.status, ...(reused ? { reused } : {}) });
  }

  // Bodies arrive as bytes: a sync request is looked up by their digest before it is parsed, any other parsed at once.
  const answers = new AnswerCache<SyncReport>((options.answerCacheMiB ?? DEFAULT_ANSWER_CACHE_MIB) * 1024 * 1024);
  const digests = new WeakMap<object, string>();
  app.addHook('preValidation', async (request, reply) => {
    const raw = request.body;
    if (!Buffer.isBuffer(raw)) return undefined;
    if (answers.enabled && request.routeOptions.url === '/sync') {
      const started = process.hrtime.bigint();
      const digest = requestDigest(raw);
      const now = clock();
      const kept = answers.get(digest, now.getTime());
      if (kept) {
        reportSync(kept.meta, started, now, true);
        return sendJson(reply, withResync(kept.json, kept.wakeAt, now.getTime()));
      }
      digests.set(request, digest);
    }
    request.body = parseJson(raw.toString('utf8'));
    return undefined;
  });

  const errorResponses = { 400: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 500: ErrorResponse };

  // Answered as JSON written here (SyncResponse is the type of what sync returns), so a kept answer is sent as it was.
  app.post('/sync', { schema: { body: SyncRequest, response: errorResponses } }, async (request, reply) => {
    const started = process.hrtime.bigint();
    const now = clock();
    const { resyncAfterSeconds, ...answer } = sync(request.body, { config, now, random });
    const json = JSON.stringify(answer);
    const { namespace, name } = request.body.parent.metadata;
    const report: SyncReport = {
      parent: { namespace, name }, children: countByKind(answer.children), status: answer.status.PostgresClusterStatus,
      sample: clusterSample(request.body, answer, now),
    };
    const digest = digests.get(request);
    if (digest) answers.keep(digest, json, resyncAfterSeconds, now.getTime(), report);
    reportSync(report, started, now, false);
    return sendJson(reply as FastifyReply, withResync(json, wakeAtOf(now.getTime(), resyncAfterSeconds), now.getTime()));
  });

  app.post('/finalize', { schema: { body: SyncRequest, response: { 200: FinalizeResponse, ...errorResponses } } }, async (request) => {
    const started = process.hrtime.bigint();
    const response = finalize(request.body, { config, now: clock(), random });
    metrics.clusters.forget(request.body.parent.metadata.namespace, request.body.parent.metadata.name);
    observe('finalize', request.body.parent.metadata, started, countByKind(response.children), { finalized: response.finalized });
    return response;
  });

  app.post('/customize', { schema: { body: CustomizeRequest, response: { 200: CustomizeResponse, ...errorResponses } } }, async (request) => {
    const started = process.hrtime.bigint();
    const response = customize(request.body, config);
    observe('customize', request.body.parent.metadata, started, {}, { relatedRules: response.relatedResources.length });
    return response;
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => (ready ? { status: 'ready' } : reply.code(503).send({ status: 'shutting down' })));
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render(clock())));

  return { app: app as unknown as FastifyInstance, metrics, setReady: (value: boolean) => { ready = value; } };
}
