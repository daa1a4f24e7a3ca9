// The snapshot storage the environment configures (src/env.ts): S3 when S3_BUCKET is set, else
// a local folder.
import { snapshotStorageConfig, type SnapshotStorageConfig } from "~/env";
import { LocalSnapshotStorage } from "./local-storage";
import { S3SnapshotStorage } from "./s3-storage";
import type { SnapshotStorage } from "./snapshot-storage";

export { StorageNotFoundError, type SnapshotStorage } from "./snapshot-storage";

export function createSnapshotStorage(config: SnapshotStorageConfig): SnapshotStorage {
  return config.kind === "s3" ? new S3SnapshotStorage(config) : new LocalSnapshotStorage(config.dir);
}

const cached = new Map<string, SnapshotStorage>();

// One instance per configuration (an S3 client keeps its connections), read from the environment
// on each call so tests and scripts may set it after import.
export function getSnapshotStorage(): SnapshotStorage {
  const config = snapshotStorageConfig();
  const id = JSON.stringify(config);
  let storage = cached.get(id);
  if (!storage) {
    storage = createSnapshotStorage(config);
    cached.set(id, storage);
  }
  return storage;
}
