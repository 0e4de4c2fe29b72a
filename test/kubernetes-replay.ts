// A stand-in for the Kubernetes API server on loopback: it answers each request with the next recorded
// answer queued for its method and path (the last one repeats) and keeps every request it received, so
// tests can assert what the adapter asked for and how it read what came back. Recorded answers live in
// test/recorded/kubernetes/*.jsonc; each begins with comment lines saying where its shape comes from.
// An exec is a WebSocket upgrade (RFC 6455, done by hand here: server frames unmasked) answered with
// recorded frames of the Kubernetes channel protocol: one channel byte (1 stdout, 2 stderr, 3 status)
// before each message, the Status JSON on channel 3, then a close.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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

/** A recorded exec session: the subprotocol the server picks and the messages it sends. */
export interface ExecRecording {
  protocol: string;
  frames: Array<{ channel: number; text: string }>;
}

/** A WebSocket upgrade answered with a recorded session (`status` 101) or refused with an HTTP status and body. */
export interface ExecAnswer {
  status: number;
  file: string;
}

export interface ReplayServer {
  url: string;
  requests: ReceivedRequest[];
  /** Queues answers for `METHOD /path` (without the query). */
  answer(method: string, path: string, ...answers: Answer[]): void;
  /** Queues answers for WebSocket upgrades of `/path` (an exec). */
  answerUpgrade(path: string, ...answers: ExecAnswer[]): void;
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

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One unmasked server frame: FIN set, the opcode, the payload length in 7, 16 or 64 bits. */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, length])
    : length < 65536 ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
      : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
  return Buffer.concat([header, payload]);
}

function playUpgrade(socket: Socket, key: string, offered: string, answer: ExecAnswer): void {
  if (answer.status !== 101) {
    const body = recordedText(answer.file);
    socket.end(`HTTP/1.1 ${answer.status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return;
  }
  const session = recorded<ExecRecording>(answer.file);
  if (!offered.split(',').map((p) => p.trim()).includes(session.protocol)) {
    socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n');
    return;
  }
  const accept = createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${session.protocol}\r\n\r\n`);
  for (const { channel, text } of session.frames) socket.write(frame(0x2, Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')])));
  // Close (status 1000, normal), as the API server does once the command's status is sent.
  socket.write(frame(0x8, Buffer.from([0x03, 0xe8])));
  socket.on('data', () => socket.end());
  setTimeout(() => socket.destroy(), 200).unref();
}

export async function startReplay(): Promise<ReplayServer> {
  const queues = new Map<string, Answer[]>();
  const upgrades = new Map<string, ExecAnswer[]>();
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
  server.on('upgrade', (request, socket: Socket) => {
    const [path = '', rawQuery = ''] = (request.url ?? '').split('?', 2);
    requests.push({ method: request.method ?? '', path, rawQuery, headers: request.headers, body: '' });
    const queue = upgrades.get(path);
    const next = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    if (!next) {
      socket.end('HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    playUpgrade(socket, String(request.headers['sec-websocket-key'] ?? ''), String(request.headers['sec-websocket-protocol'] ?? ''), next);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    answer(method, path, ...answers) {
      queues.set(`${method} ${path}`, answers);
    },
    answerUpgrade(path, ...answers) {
      upgrades.set(path, answers);
    },
    kubeConfig: (token) => kubeConfigFor(url, token),
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
