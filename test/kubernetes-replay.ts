// A stand-in for the Kubernetes API server on loopback: it answers each request with the next recorded
// answer queued for its method and path (the last one repeats) and keeps every request it received, so
// tests can assert what the adapter asked for and how it read what came back. Recorded answers live in
// test/recorded/kubernetes/*.jsonc; each begins with comment lines saying where its shape comes from.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

const RECORDED = new URL('./recorded/kubernetes/', import.meta.url);

/** A recorded body as the API server sent it (the leading comment lines removed). */
export function recordedText(file: string): string {
  return readFileSync(new URL(file, RECORDED), 'utf8').replace(/^(\/\/.*\n)+/, '');
}

export function recorded<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(recordedText(file)) as T;
}

export interface Answer {
  status: number;
  /** A file under test/recorded/kubernetes. */
  file: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  /** The query string as sent, still encoded. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ReplayServer {
  url: string;
  requests: ReceivedRequest[];
  /** Queues answers for `METHOD /path` (without the query). */
  answer(method: string, path: string, ...answers: Answer[]): void;
  /** A KubeConfig pointing at this server with a bearer token. */
  kubeConfig(token: string): KubeConfig;
  close(): Promise<void>;
}

/** A KubeConfig for a plain-HTTP API server at `url`, authenticating with a bearer token. */
export function kubeConfigFor(url: string, token: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    // The client refuses to send a token over plain HTTP unless TLS verification is declared off.
    clusters: [{ name: 'replay', server: url, skipTLSVerify: true }],
    users: [{ name: 'operations', token }],
    contexts: [{ name: 'replay', cluster: 'replay', user: 'operations', namespace: 'default' }],
    currentContext: 'replay',
  });
  return config;
}

export async function startReplay(): Promise<ReplayServer> {
  const queues = new Map<string, Answer[]>();
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const [path = '', rawQuery = ''] = (request.url ?? '').split('?', 2);
      requests.push({ method: request.method ?? '', path, rawQuery, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const queue = queues.get(`${request.method} ${path}`);
      const next = queue && (queue.length > 1 ? queue.shift() : queue[0]);
      if (!next) {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`nothing recorded for ${request.method} ${path}`);
        return;
      }
      response.writeHead(next.status, { 'content-type': 'application/json' }).end(recordedText(next.file));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    answer(method, path, ...answers) {
      queues.set(`${method} ${path}`, answers);
    },
    kubeConfig: (token) => kubeConfigFor(url, token),
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
