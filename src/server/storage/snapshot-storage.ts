// Where snapshot files live: one interface, a local folder (dev, tests) or S3-compatible storage
// (production), chosen by the environment (src/env.ts). Files go in and come out as streams: a
// snapshot is never held in memory whole.
import type { Readable } from "node:stream";

export interface SnapshotStorage {
  // Stores the stream's bytes under `key` and resolves once all of them are stored. Readers of the
  // key see the previous file or the new one whole, never a part; a failed put leaves no file.
  put(key: string, body: Readable, opts: { contentType: string }): Promise<void>;
  // The stored file as a stream. Rejects with StorageNotFoundError, before any byte, when there is none.
  get(key: string): Promise<Readable>;
  // The stored file's size in bytes, or null when there is none.
  size(key: string): Promise<number | null>;
}

export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file at ${key}`);
    this.name = "StorageNotFoundError";
  }
}

// Keys are ours (pack id, row id, format), never a caller's: anything else is a bug, refused
// before it can name a path outside the folder.
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.split("/").some((part) => part === "..") || key.length > 512) {
    throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  }
}
