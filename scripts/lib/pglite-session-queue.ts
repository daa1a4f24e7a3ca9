// Schedules the Postgres wire messages of many client connections onto PGlite's one session.
// pglite-socket's own queue interleaves messages one by one: connection A's Parse, then B's
// Parse (both the unnamed statement), then A's Bind runs B's statement, so concurrent requests
// read each other's results ("portal does not exist", rows of the wrong query). Here a
// connection keeps the session from its first extended-protocol message until its Sync, and for
// as long as a transaction it opened is open.
import type { PGlite } from "@electric-sql/pglite";

type Item = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const PASSWORD = 0x70; // 'p'

// A message after which the connection need not keep the session (outside a transaction).
function endsExchange(message: Uint8Array): boolean {
  const type = message[0];
  // The startup message has no type byte: it begins with its length, whose first byte is 0.
  return type === 0 || type === SYNC || type === SIMPLE_QUERY || type === TERMINATE || type === PASSWORD;
}

export class PgliteSessionQueue {
  private queue: Item[] = [];
  private processing = false;
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("Handler disconnected"));
      return false;
    });
  }

  // A connection that goes away mid-transaction must not leave the session stuck in it.
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.process();
  }

  private next(): Item | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        let bytes = 0;
        const current = item;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
          current.resolve(bytes);
        } catch (error) {
          current.reject(error);
        }
        this.owner = this.db.isInTransaction() || !endsExchange(current.message) ? current.handlerId : null;
      }
    } finally {
      this.processing = false;
    }
  }
}
