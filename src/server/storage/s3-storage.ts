// Snapshot files in S3-compatible storage (AWS S3, MinIO, R2, s3rver in tests). Uploads stream in
// parts (lib-storage's Upload: at most a few 5 MB parts in memory), so a file of any size is
// stored without holding it; an object appears only when its upload completes.
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import type { SnapshotStorageConfig } from "~/env";
import { assertStorageKey, StorageNotFoundError, type SnapshotStorage } from "./snapshot-storage";

type S3Config = Extract<SnapshotStorageConfig, { kind: "s3" }>;

function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404);
}

export class S3SnapshotStorage implements SnapshotStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      credentials: config.credentials,
      // Bucket in the path, not the host name: what S3-compatible servers expect (no wildcard DNS).
      forcePathStyle: true,
      // Checksums only where S3 requires them: several S3-compatible servers refuse the SDK's
      // default CRC32 trailers on streamed uploads.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, body: Readable, opts: { contentType: string }): Promise<void> {
    assertStorageKey(key);
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: body, ContentType: opts.contentType } });
    await upload.done();
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // In Node the SDK's body is the HTTP response itself: a Readable, consumed as it arrives.
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    assertStorageKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
}
