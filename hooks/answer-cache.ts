// Sync answers kept by the digest of the request's bytes. Metacontroller sends the same bytes for a cluster
// on every resync while nothing changed (its informer cache, serialised with sorted keys), and the answer is
// a function of those bytes, the configuration and the clock; the clock changes it only at the instant the
// answer names in `resyncAfterSeconds`, or up to a second before it (the delay is rounded up to whole seconds;
// test/properties.test.ts proves it over generated clusters). Until a second before that instant the answer is
// the same, but for that delay, which is counted down to the instant it names.
// Bounded by the bytes of the answers kept, least recently used first out; 0 keeps nothing.
import { createHash } from 'node:crypto';

/** Without an instant named, an answer is still recomputed after this long. */
export const UNNAMED_LIFETIME_MS = 15 * 60 * 1000;

export interface KeptAnswer<Meta> {
  /** The answer's JSON without `resyncAfterSeconds`. */
  json: string;
  /** When the answer asked to be called again (ms since the epoch): it holds until then. */
  wakeAt?: number;
  /** Until when it may be given again: a second before `wakeAt` at the latest. */
  expiresAt: number;
  /** What the server reports of a call besides the answer (log line, metrics). */
  meta: Meta;
}

export function requestDigest(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64');
}

/** The instant an answer given at `nowMs` asked to be called again at (ms since the epoch). */
export function wakeAtOf(nowMs: number, resyncAfterSeconds: number | undefined): number | undefined {
  return resyncAfterSeconds === undefined ? undefined : nowMs + resyncAfterSeconds * 1000;
}

/** `json` (an object's JSON) with `resyncAfterSeconds` counted down to `wakeAt` from `nowMs`. */
export function withResync(json: string, wakeAt: number | undefined, nowMs: number): string {
  if (wakeAt === undefined) return json;
  return `${json.slice(0, -1)},"resyncAfterSeconds":${Math.max(1, Math.ceil((wakeAt - nowMs) / 1000))}}`;
}

export class AnswerCache<Meta> {
  private readonly entries = new Map<string, KeptAnswer<Meta>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(digest: string, nowMs: number): KeptAnswer<Meta> | undefined {
    const entry = this.entries.get(digest);
    if (!entry) return undefined;
    this.entries.delete(digest);
    if (nowMs >= entry.expiresAt) {
      this.bytes -= entry.json.length;
      return undefined;
    }
    this.entries.set(digest, entry);
    return entry;
  }

  /** Keeps the answer computed at `nowMs` that asked to be called after `resyncAfterSeconds`. */
  keep(digest: string, json: string, resyncAfterSeconds: number | undefined, nowMs: number, meta: Meta): void {
    if (json.length > this.maxBytes) return;
    const wakeAt = wakeAtOf(nowMs, resyncAfterSeconds);
    const expiresAt = Math.min(wakeAt === undefined ? Infinity : wakeAt - 1000, nowMs + UNNAMED_LIFETIME_MS);
    const previous = this.entries.get(digest);
    if (previous) {
      this.entries.delete(digest);
      this.bytes -= previous.json.length;
    }
    this.entries.set(digest, { json, ...(wakeAt === undefined ? {} : { wakeAt }), expiresAt, meta });
    this.bytes += json.length;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.json.length;
    }
  }
}
