/**
 * Pulls exact byte counts out of a chunked async source (a Readable), keeping what is left
 * over for the next read. The tar reader uses it to read headers and stream bodies.
 */
export class ByteSource {
  #iterator: AsyncIterator<Buffer | Uint8Array | string>;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #ended = false;

  constructor(source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>) {
    const iterable =
      Symbol.asyncIterator in source
        ? source
        : (async function* () {
            yield* source;
          })();
    this.#iterator = iterable[Symbol.asyncIterator]();
  }

  /** Pulls one more chunk into the pending list; false at end of input. */
  async #fill(): Promise<boolean> {
    if (this.#ended) return false;
    const next = await this.#iterator.next();
    if (next.done) {
      this.#ended = true;
      return false;
    }
    const value = next.value;
    const chunk =
      typeof value === 'string'
        ? Buffer.from(value)
        : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (chunk.length > 0) {
      this.#pending.push(chunk);
      this.#pendingBytes += chunk.length;
    }
    return true;
  }

  /** Exactly `n` bytes, or fewer only at end of input (possibly an empty buffer). */
  async read(n: number): Promise<Buffer> {
    while (this.#pendingBytes < n) {
      if (!(await this.#fill())) break;
    }
    const take = Math.min(n, this.#pendingBytes);
    const joined = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending);
    const out = joined.subarray(0, take);
    const rest = joined.subarray(take);
    this.#pending = rest.length > 0 ? [rest] : [];
    this.#pendingBytes = rest.length;
    return out;
  }

  /** Yields the next `n` bytes as they arrive, in chunks; throws if input ends first. */
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let remaining = n;
    while (remaining > 0) {
      if (this.#pendingBytes === 0 && !(await this.#fill())) {
        throw new Error(`unexpected end of input, ${remaining} bytes missing`);
      }
      const head = this.#pending[0];
      if (head === undefined) continue;
      if (head.length <= remaining) {
        this.#pending.shift();
        this.#pendingBytes -= head.length;
        remaining -= head.length;
        yield head;
      } else {
        this.#pending[0] = head.subarray(remaining);
        this.#pendingBytes -= remaining;
        const out = head.subarray(0, remaining);
        remaining = 0;
        yield out;
      }
    }
  }

  /** The next available bytes, at most `max`; an empty buffer only at end of input. */
  async readSome(max: number): Promise<Buffer> {
    if (this.#pendingBytes === 0 && !(await this.#fill())) return Buffer.alloc(0);
    while (this.#pendingBytes === 0) {
      if (!(await this.#fill())) return Buffer.alloc(0);
    }
    const head = this.#pending[0]!;
    if (head.length <= max) {
      this.#pending.shift();
      this.#pendingBytes -= head.length;
      return head;
    }
    this.#pending[0] = head.subarray(max);
    this.#pendingBytes -= max;
    return head.subarray(0, max);
  }

  /** Discards `n` bytes. */
  async skip(n: number): Promise<void> {
    for await (const _ of this.chunks(n)) {
      // drained
    }
  }

  /** Stops the underlying source (destroys a Readable) when the consumer gives up early. */
  async close(): Promise<void> {
    await this.#iterator.return?.();
  }
}
