// The floor: a Fastify server with its defaults that parses the request body and answers the JSON in
// the file it is given (a response as large as ours), serialised per request. Nothing else.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const answer = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as object;
const app = Fastify({ bodyLimit: 32 * 1024 * 1024 });
app.post('/sync', async (request) => (request.body === undefined ? {} : answer));
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
