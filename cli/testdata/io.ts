// An in-memory `Io` for the command tests: captured output, stdin text, a fixed clock and an API that
// fails unless a test gives one.
import type { ClusterApi } from '../kubernetes.js';
import type { Io } from '../main.js';

export interface CapturedIo extends Io { out: string; err: string }

export function memoryIo(options: { stdin?: string; api?: ClusterApi; now?: Date } = {}): CapturedIo {
  const io: CapturedIo = {
    out: '',
    err: '',
    stdout: (text) => { io.out += text; },
    stderr: (text) => { io.err += text; },
    stdin: async () => options.stdin ?? '',
    api: () => {
      if (!options.api) throw new Error('this test gives no API');
      return options.api;
    },
    namespace: () => 'default',
    now: () => options.now ?? new Date('2026-11-20T12:00:00Z'),
  };
  return io;
}

/** The JSON lines a command printed. */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}
