// One transaction per unit of work. Statements that carry a password verifier switch statement
// logging off for their transaction, so verifiers do not land in the server log.
import type pg from 'pg';

export interface SensitiveStatement { sql: string; sensitive?: boolean }

export async function inTransaction(client: pg.Client, statements: Array<SensitiveStatement | string>): Promise<void> {
  const list = statements.map((s) => (typeof s === 'string' ? { sql: s } : s));
  await client.query('BEGIN');
  try {
    await client.query("SET LOCAL synchronous_commit = 'local'");
    if (list.some((s) => s.sensitive)) {
      await client.query("SET LOCAL log_statement = 'none'");
      await client.query('SET LOCAL log_min_duration_statement = -1');
    }
    for (const statement of list) await client.query(statement.sql);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
