import type { EntityManager } from '@mikro-orm/core';
import sqlite3 from 'sqlite3';
import { readInTransaction, type PreparedReads, type ReadStatement, type ReadValue } from './prepared-reads.js';
import { retryWhileBusy, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-lock-waits.js';

// As many as MikroORM's pool has: WAL lets reads run side by side, each on a thread of libuv's pool.
const READERS = 4;

// query_only: these connections exist to read, and a write through one would be a bug.
const READER_PRAGMAS = `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA query_only = ON;`;

/**
 * Hot reads on SQLite through the sqlite3 driver's own prepared `Statement`s, on connections of their
 * own beside MikroORM's pool. Nothing but these reads runs on them, so a read never lands inside
 * another request's transaction, and each starts from the latest commit; taking a connection from
 * the pool for each read cost about a third of the read (its promises and its acquire timer).
 * The connections open at the first read, once MikroORM has opened the file and put it in WAL mode.
 */
export class SqlitePreparedReads implements PreparedReads {
  private readers: Reader[] | null = null;
  private opening: Promise<Reader[]> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly path: string,
  ) {}

  async all<Row>(statement: ReadStatement, values: readonly ReadValue[]): Promise<Row[]> {
    const inTransaction = readInTransaction<Row>(this.em, statement, values);
    if (inTransaction) return inTransaction;
    const reader = leastBusy(this.readers ?? await this.open());
    reader.inFlight += 1;
    try {
      // In WAL mode a read is refused as busy only in rare moments (a connection recovering the log).
      return await retryWhileBusy(() => reader.all<Row>(statement, values));
    } finally {
      reader.inFlight -= 1;
    }
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.readers = null;
    this.opening = null;
    const readers = await opening?.catch(() => null);
    await Promise.all((readers ?? []).map((reader) => reader.close()));
  }

  private open(): Promise<Reader[]> {
    this.opening ??= Promise.all(Array.from({ length: READERS }, () => Reader.open(this.path))).then(
      (readers) => (this.readers = readers),
      (error: unknown) => {
        // Tried again at the next read: the file may be back by then.
        this.opening = null;
        throw error;
      },
    );
    return this.opening;
  }
}

function leastBusy(readers: readonly Reader[]): Reader {
  let chosen = readers[0];
  if (!chosen) throw new Error('SQLite readers opened none');
  for (const reader of readers) if (reader.inFlight < chosen.inFlight) chosen = reader;
  return chosen;
}

/** One reading connection and the statements prepared on it. */
class Reader {
  inFlight = 0;
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>();

  private constructor(private readonly connection: sqlite3.Database) {}

  static async open(path: string): Promise<Reader> {
    const connection = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened: sqlite3.Database = new sqlite3.Database(path, sqlite3.OPEN_READWRITE, (error) => (error ? reject(error) : resolve(opened)));
    });
    await new Promise<void>((resolve, reject) => connection.exec(READER_PRAGMAS, (error) => (error ? reject(error) : resolve())));
    return new Reader(connection);
  }

  async all<Row>(statement: ReadStatement, values: readonly ReadValue[]): Promise<Row[]> {
    const prepared = await this.prepared(statement).catch((error: unknown) => {
      throw failureOfItsOwn(error);
    });
    return new Promise<Row[]>((resolve, reject) => {
      prepared.all<Row>([...values], (error, rows) => (error ? reject(error) : resolve(rows)));
    });
  }

  /** Finalizes every statement first: a connection with unfinalized statements refuses to close. */
  async close(): Promise<void> {
    const statements = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(statements.map(async (pending) => {
      const statement = await pending.catch(() => null);
      if (statement) await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    }));
    await new Promise<void>((resolve) => this.connection.close(() => resolve()));
  }

  private prepared(statement: ReadStatement): Promise<sqlite3.Statement> {
    const known = this.statements.get(statement.name);
    if (known) return known;
    const preparing = new Promise<sqlite3.Statement>((resolve, reject) => {
      const prepared: sqlite3.Statement = this.connection.prepare(statement.sql, (error: Error | null) => (error ? reject(error) : resolve(prepared)));
    });
    // A statement that failed to prepare (its table renamed away, say) is prepared again next time.
    preparing.catch(() => this.statements.delete(statement.name));
    this.statements.set(statement.name, preparing);
    return preparing;
  }
}

/**
 * Reads that arrive together share one preparation of their statement, and so, when it fails, one
 * error object. Each read fails with a copy of its own (message, code and stack kept): an error
 * tracker reports an error object once, and each failed request is a failure to report.
 */
function failureOfItsOwn(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return Object.assign(new Error(error.message, { cause: error.cause }), error, { stack: error.stack });
}
