// The load generator, run in its own process so it does not share a CPU budget with the server it
// measures: POSTs the body in `file` to `url` for `seconds` over `connections` keep-alive connections.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [url, file, connections, seconds] = process.argv.slice(2);
const result = await autocannon({
  url: url!, method: 'POST', headers: { 'content-type': 'application/json' }, body: readFileSync(file!, 'utf8'),
  connections: Number(connections), duration: Number(seconds),
});
console.log(JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.errors + result.non2xx }));
