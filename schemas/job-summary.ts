// How a Job's outcome reaches the hook: both Jobs (setup, operations) end with one line
// `{"summary": {…, "message": "…"}}` and write that line as their container's termination message too.
// The kubelet keeps it in the pod's status (at most 4096 bytes; with FallbackToLogsOnError the log's tail
// when a crashed Job wrote none), where the sync hook reads it into the Job's condition. Messages name
// objects and steps, never values that could hold a secret.
import { writeFileSync } from 'node:fs';

/** The Jobs' containers: Kubernetes' default path, set explicitly so the contract is visible in the template. */
export const TERMINATION_MESSAGE_PATH = '/dev/termination-log';

/** Bytes of a summary's message; the rest of the line stays well below the kubelet's 4096. */
export const SUMMARY_MESSAGE_BYTES = 1500;

const ELLIPSIS = '…';

/** The message cut to `limit` bytes of UTF-8 at a character boundary, marked when cut. */
export function boundedMessage(message: string, limit = SUMMARY_MESSAGE_BYTES): string {
  if (Buffer.byteLength(message) <= limit) return message;
  let bytes = Buffer.byteLength(ELLIPSIS);
  let end = 0;
  for (const char of message) {
    bytes += Buffer.byteLength(char);
    if (bytes > limit) break;
    end += char.length;
  }
  return `${message.slice(0, end)}${ELLIPSIS}`;
}

export function summaryLine(summary: Record<string, unknown> & { message: string }): string {
  return JSON.stringify({ summary: { ...summary, message: boundedMessage(summary.message) } });
}

/** The message of the last summary line in a termination message (or log tail); anything else is no summary. */
export function summaryMessageOf(text: string): string | undefined {
  for (const line of text.split('\n').reverse()) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      const message = (parsed as { summary?: { message?: unknown } } | null)?.summary?.message;
      if (typeof message === 'string') return boundedMessage(message);
    } catch {
      // Not a line of ours (a stack trace, a half line cut by the kubelet): look further up.
    }
  }
  return undefined;
}

/** Writes the summary line where the kubelet reads the termination message; answers why it could not. */
function writeTerminationMessage(path: string | undefined, line: string): string | undefined {
  if (!path) return undefined;
  try {
    writeFileSync(path, line);
    return undefined;
  } catch (error) {
    return `cannot write the termination message to ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}

/** `--termination-log <path>` of a Job's command line, read before (and whatever) the rest of it fails to parse. */
export function terminationLogOf(argv: string[]): string | undefined {
  const at = argv.indexOf('--termination-log');
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith('--termination-log='))?.slice('--termination-log='.length);
}

/** Prints the summary line last, once written as the termination message (preceded by a line saying why not). */
export function endWithSummary(write: (line: string) => void, terminationLog: string | undefined, line: string): void {
  const problem = writeTerminationMessage(terminationLog, line);
  if (problem) write(JSON.stringify({ warning: problem }));
  write(line);
}
