// The rotating log file itself: <path>, rolled once it reaches `maxSize` bytes into <path>.1 (the
// previous .1 becoming .2, and so on), `backups` of them kept, as the Flask original's
// RotatingFileHandler does.
//
// It survives its own failures. When the folder goes away or becomes unwritable, or the disk is
// full, the lines of that moment are dropped and counted, the failure is announced once, and the
// file is tried again every `retryMs` until it can be written, when the count is announced. Lines
// that come faster than the disk takes them (a flood of requests, a disk that stalls) wait up to a
// bound, past which routine lines are dropped, announced and counted the same way; WARN and ERROR
// lines have room of their own beyond it, so a flood of 404s never costs the line of a 500. Nothing
// is thrown at the code that logs and no promise is left to reject unhandled (log4js' own file
// appender, on streamroller, goes silent for good after a write error, and a rotation that fails
// rejects unhandled, which stops the app).
import { mkdir, open as openFile, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export type RotatingLogFileOptions = Readonly<{
  path: string;
  maxSize: number;
  backups: number;
  retryMs: number;
  /** Opens the file; tests pass one whose writes stall. */
  open?: typeof openFile;
  /** The first failure after the file was last written successfully. */
  onFailure: (error: unknown) => void;
  /** Routine lines are being dropped: `pendingBytes` are waiting to be written. */
  onOverflow: (pendingBytes: number) => void;
  /** The file is written again and has caught up; `lostLines` were dropped meanwhile. */
  onRecovery: (lostLines: number) => void;
}>;

// A disk that stops answering must not make the process hoard lines: beyond this, routine lines
// are dropped. WARN and ERROR lines may take as much again, so that the lines an administrator
// searches for are the last to go; past that even they are dropped, since memory must stay bounded.
export const MAX_PENDING_BYTES = 4 * 1024 * 1024;
const MAX_PENDING_BYTES_OF_URGENT_LINES = 2 * MAX_PENDING_BYTES;

/** Whether a line may use the room kept for WARN and ERROR lines. */
export type LinePriority = 'routine' | 'urgent';

export class RotatingLogFile {
  #pending: string[] = [];
  #pendingBytes = 0;
  #handle: FileHandle | null = null;
  #size = 0;
  #writing: Promise<void> | null = null;
  // Lines are dropped while the file is known to be unwritable, between a failure and a retry.
  #failed = false;
  // What was announced, until the file has caught up: a failure is announced even after an overflow
  // was, since it is news of another kind (lines lost whatever their level).
  #announced: 'overflow' | 'failure' | null = null;
  #lostLines = 0;
  #retry: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(private readonly options: RotatingLogFileOptions) {}

  /** Queues one line (with its line break) for writing; returns at once. */
  append(text: string, priority: LinePriority = 'routine'): void {
    if (this.#failed || this.#closed) {
      this.#lostLines += 1;
      return;
    }
    if (this.#pendingBytes > (priority === 'urgent' ? MAX_PENDING_BYTES_OF_URGENT_LINES : MAX_PENDING_BYTES)) {
      this.#lostLines += 1;
      this.overflowed();
      return;
    }
    this.#pending.push(text);
    this.#pendingBytes += text.length;
    this.#writing ??= this.writePending();
  }

  /** Writes what is queued (waiting at most `timeoutMs`) and closes the file. */
  async close(timeoutMs: number): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#writing, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    await this.#handle?.close().catch(() => undefined);
    this.#handle = null;
  }

  private async writePending(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const lines = this.#pending;
        this.#pending = [];
        this.#pendingBytes = 0;
        try {
          await this.write(lines);
          // Announced once the file has caught up, not at each write that lets a flood through.
          if (this.#announced !== null && this.#pending.length === 0) this.recovered();
        } catch (error) {
          this.#lostLines += lines.length;
          await this.fail(error);
        }
      }
    } finally {
      this.#writing = null;
    }
  }

  // Rolls between lines, before the one that would start past `maxSize`; the lines between two
  // rolls go out in one write.
  private async write(lines: readonly string[]): Promise<void> {
    let chunk = '';
    for (const line of lines) {
      const handle = this.#handle ?? (await this.openFile());
      if (this.#size >= this.options.maxSize) {
        if (chunk !== '') await handle.write(chunk);
        chunk = '';
        await this.roll();
      }
      chunk += line;
      this.#size += Buffer.byteLength(line);
    }
    if (chunk !== '') await (this.#handle ?? (await this.openFile())).write(chunk);
  }

  private async openFile(): Promise<FileHandle> {
    await mkdir(path.dirname(this.options.path), { recursive: true });
    const handle = await (this.options.open ?? openFile)(this.options.path, 'a', 0o600);
    try {
      this.#size = (await handle.stat()).size;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    this.#handle = handle;
    return handle;
  }

  private async roll(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
    for (let index = this.options.backups - 1; index >= 1; index -= 1) {
      await renameIfPresent(`${this.options.path}.${index}`, `${this.options.path}.${index + 1}`);
    }
    if (this.options.backups > 0) await renameIfPresent(this.options.path, `${this.options.path}.1`);
    await this.openFile();
  }

  private async fail(error: unknown): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close().catch(() => undefined);
    this.#lostLines += this.#pending.length;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#failed = true;
    if (this.#announced !== 'failure') {
      this.#announced = 'failure';
      this.options.onFailure(error);
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.tryAgain();
    }, this.options.retryMs);
    // The retries alone must not keep a stopping process alive.
    this.#retry.unref();
  }

  // Opening is not proof enough (a full disk opens fine): lines are taken again, and the recovery is
  // announced once one of them is written.
  private async tryAgain(): Promise<void> {
    try {
      await this.openFile();
    } catch {
      this.scheduleRetry();
      return;
    }
    this.#failed = false;
  }

  private overflowed(): void {
    if (this.#announced !== null) return;
    this.#announced = 'overflow';
    this.options.onOverflow(this.#pendingBytes);
  }

  private recovered(): void {
    const lost = this.#lostLines;
    this.#announced = null;
    this.#lostLines = 0;
    this.options.onRecovery(lost);
  }
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
