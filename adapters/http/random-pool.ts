import { randomFillSync } from 'node:crypto';

/**
 * Random strings of `bytes` random bytes each (base64url), cut from a buffer refilled `perFill`
 * strings at a time: one call into OpenSSL per request id cost more than the rest of the
 * middleware that asked for it (measured in a profile of the 404 page).
 */
export class RandomPool {
  readonly #bytes: number;
  readonly #pool: Buffer;
  #offset: number;

  constructor(bytes: number, perFill: number) {
    this.#bytes = bytes;
    this.#pool = Buffer.alloc(bytes * perFill);
    this.#offset = this.#pool.length;
  }

  next(): string {
    if (this.#offset === this.#pool.length) {
      randomFillSync(this.#pool);
      this.#offset = 0;
    }
    const text = this.#pool.toString('base64url', this.#offset, this.#offset + this.#bytes);
    // Used bytes are wiped, so that the buffer never holds a string that was handed out.
    this.#pool.fill(0, this.#offset, this.#offset + this.#bytes);
    this.#offset += this.#bytes;
    return text;
  }
}
