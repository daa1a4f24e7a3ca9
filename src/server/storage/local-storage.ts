// Snapshot files in a local folder: the embedded default (DESIGN.md §8). A put writes a temporary
// file beside the target and renames it into place, so a reader never sees a partial file.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertStorageKey, StorageNotFoundError, type SnapshotStorage } from "./snapshot-storage";

function isMissing(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}

export class LocalSnapshotStorage implements SnapshotStorage {
  readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, ...key.split("/"));
  }

  async put(key: string, body: Readable, _opts?: { contentType: string }): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomBytes(6).toString("hex")}.part`;
    try {
      // flush: the bytes are on disk before the rename makes them the file.
      await pipeline(body, createWriteStream(partial, { flush: true }));
      await rename(partial, path);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      // Opened now, so a missing file is an error here rather than on the stream after headers went out.
      const handle = await open(path, "r");
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
}
