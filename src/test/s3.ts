// An S3-protocol server for tests: s3rver on a free port with its files in a temporary folder,
// and the snapshot storage configuration that points at it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import type { SnapshotStorageConfig } from "~/env";

export const TEST_BUCKET = "pack-market-snapshots";

export async function startTestS3() {
  const dir = await mkdtemp(join(tmpdir(), "pm-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: TEST_BUCKET }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver accepts any signature made with its default keys.
  const config: Extract<SnapshotStorageConfig, { kind: "s3" }> = {
    kind: "s3",
    bucket: TEST_BUCKET,
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  };
  const env = { S3_BUCKET: TEST_BUCKET, S3_ENDPOINT: endpoint, S3_REGION: "us-east-1", S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER" };
  return {
    config,
    env,
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type TestS3 = Awaited<ReturnType<typeof startTestS3>>;
