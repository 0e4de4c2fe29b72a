// The part of a pg_dumpall script that belongs to one database, fitted to be run by psql connected to the
// target database. pg_dumpall (what Zalando's logical-backup image writes) prints the roles, then for each
// database a header `-- Database "<name>" dump`, the database's CREATE DATABASE (not for template1 and
// postgres), `\connect <name>` and pg_dump's script of its contents. Kept: everything from the first
// `\connect` of the section to the next header, without the `\connect` lines (psql is connected to the
// target already); statements on the database itself (COMMENT, ALTER … SET, GRANT) are renamed to the
// target, so a restore under another name never touches the source database. The roles part is never
// kept: roles come from the manifest. COPY data is passed through untouched, whatever it contains.

const HEADER = /^-- Database "(.*)" dump$/;
const CLUSTER_DUMP_END = '-- PostgreSQL database cluster dump complete';
const COPY_START = /^COPY .* FROM stdin;$/;
const COPY_END = '\\.';
const DATABASE_STATEMENT = /^(COMMENT ON|ALTER|GRANT .* ON|REVOKE .* ON|SECURITY LABEL .* ON) DATABASE /;

/** A name double-quoted, as pg_dump prints any name that is not plain lower case (or is a keyword). */
export function quotedIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The ways pg_dump may have printed a database's name after `DATABASE `: bare (plain names that are no keyword) or quoted. */
function printedForms(name: string): string[] {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? [name, quotedIdent(name)] : [quotedIdent(name)];
}

export class DatabaseSection {
  private inSection = false;
  private connected = false;
  private inCopy = false;
  /** Databases whose header was seen, in the dump's order. */
  readonly databases: string[] = [];
  lines = 0;

  private readonly sourceForms: string[];

  constructor(source: string, private readonly target: string) {
    this.source = source;
    this.sourceForms = printedForms(source);
  }

  private readonly source: string;

  /** Whether the source database's section was seen and reached its contents. */
  get found(): boolean {
    return this.connected;
  }

  /** The line as psql should run it, or undefined when it is not part of the restore. */
  take(line: string): string | undefined {
    if (this.inCopy) {
      if (line === COPY_END) this.inCopy = false;
      return this.inSection && this.connected ? this.count(line) : undefined;
    }
    if (COPY_START.test(line)) this.inCopy = true;
    const header = HEADER.exec(line);
    if (header || line === CLUSTER_DUMP_END) {
      if (header) this.databases.push(header[1]!);
      this.inSection = header?.[1] === this.source;
      return undefined;
    }
    if (!this.inSection) return undefined;
    if (line.startsWith('\\connect ')) {
      this.connected = true;
      return undefined;
    }
    if (!this.connected) return undefined;
    if (DATABASE_STATEMENT.test(line)) return this.count(this.renamed(line));
    return this.count(line);
  }

  /** The statement on the target database; the name always quoted, whatever form the source's had. */
  private renamed(line: string): string {
    for (const form of this.sourceForms) {
      const at = line.indexOf(` DATABASE ${form}`);
      const after = line[at + ` DATABASE ${form}`.length];
      if (at >= 0 && (after === undefined || after === ' ' || after === ';')) {
        return `${line.slice(0, at)} DATABASE ${quotedIdent(this.target)}${line.slice(at + ` DATABASE ${form}`.length)}`;
      }
    }
    return line;
  }

  private count(line: string): string {
    this.lines += 1;
    return line;
  }
}
