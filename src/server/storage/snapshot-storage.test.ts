// The storage contract, run against both implementations: the local folder and S3 (a real
// S3-protocol server, s3rver, started here).
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestS3, type TestS3 } from "~/test/s3";
import { createSnapshotStorage, getSnapshotStorage, StorageNotFoundError, type SnapshotStorage } from ".";
import { LocalSnapshotStorage } from "./local-storage";
import { S3SnapshotStorage } from "./s3-storage";

let s3: TestS3;
let localDir: string;
beforeAll(async () => {
  s3 = await startTestS3();
  localDir = await mkdtemp(join(tmpdir(), "pm-snapshots-"));
});
afterAll(async () => {
  await s3?.stop();
  await rm(localDir, { recursive: true, force: true });
});

// A stream of `parts` chunks made on demand, so the source itself never holds the file.
function generated(parts: number, partSize: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < parts; i++) yield Buffer.alloc(partSize, String(i % 10));
    })(),
  );
}

async function digest(stream: Readable): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest("hex") };
}

async function expected(parts: number, partSize: number) {
  return digest(generated(parts, partSize));
}

const failing = () =>
  Readable.from(
    (async function* () {
      yield Buffer.from("the first bytes\n");
      throw new Error("the source broke");
    })(),
  );

const implementations: Array<[string, () => SnapshotStorage]> = [
  ["local folder", () => createSnapshotStorage({ kind: "local", dir: localDir })],
  ["S3 (s3rver)", () => createSnapshotStorage(s3.config)],
];

describe.each(implementations)("snapshot storage: %s", (_name, storage) => {
  it("stores a stream and gives it back as a stream, with its size", async () => {
    // 12 MB: more than two S3 multipart parts.
    await storage().put("packs/p1/100/snapshot.csv", generated(12, 1 << 20), { contentType: "text/csv" });
    expect(await storage().size("packs/p1/100/snapshot.csv")).toBe(12 << 20);
    expect(await digest(await storage().get("packs/p1/100/snapshot.csv"))).toEqual(await expected(12, 1 << 20));
  });

  it("stores a small file and an empty one", async () => {
    await storage().put("packs/p1/1/snapshot.jsonl", Readable.from([Buffer.from('{"a":1}\n')]), { contentType: "application/x-ndjson" });
    expect(await storage().size("packs/p1/1/snapshot.jsonl")).toBe(8);
    expect((await digest(await storage().get("packs/p1/1/snapshot.jsonl"))).size).toBe(8);
    await storage().put("packs/p1/0/snapshot.csv", Readable.from([]), { contentType: "text/csv" });
    expect(await storage().size("packs/p1/0/snapshot.csv")).toBe(0);
  });

  it("answers a missing file with null size and StorageNotFoundError before any byte", async () => {
    expect(await storage().size("packs/none/1/snapshot.csv")).toBeNull();
    await expect(storage().get("packs/none/1/snapshot.csv")).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("replaces a file whole when the same key is stored again", async () => {
    await storage().put("packs/p2/5/snapshot.csv", generated(3, 1000), { contentType: "text/csv" });
    await storage().put("packs/p2/5/snapshot.csv", generated(2, 700), { contentType: "text/csv" });
    expect(await digest(await storage().get("packs/p2/5/snapshot.csv"))).toEqual(await expected(2, 700));
  });

  it("stores nothing when the source stream fails", async () => {
    // lib-storage logs the aborted upload; the failure itself is what the test checks.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(storage().put("packs/p3/7/snapshot.csv", failing(), { contentType: "text/csv" })).rejects.toThrow("the source broke");
    expect(await storage().size("packs/p3/7/snapshot.csv")).toBeNull();
    vi.restoreAllMocks();
  });

  it("refuses keys that could leave its folder or bucket prefix", async () => {
    for (const key of ["../etc/passwd", "packs/../../x", "/abs", "a//b", "a/b/", "", "packs/p\u0000/x", ".hidden"]) {
      await expect(storage().put(key, Readable.from([]), { contentType: "text/csv" })).rejects.toThrow(/Invalid storage key/);
      await expect(storage().get(key)).rejects.toThrow(/Invalid storage key/);
    }
  });
});

describe("local folder", () => {
  it("leaves no temporary file behind, after a success or a failure", async () => {
    const storage = new LocalSnapshotStorage(join(localDir, "clean"));
    await storage.put("packs/p/1/snapshot.csv", generated(1, 10), { contentType: "text/csv" });
    await expect(storage.put("packs/p/2/snapshot.csv", failing(), { contentType: "text/csv" })).rejects.toThrow();
    expect(await readdir(join(localDir, "clean", "packs", "p", "1"))).toEqual(["snapshot.csv"]);
    expect(await readdir(join(localDir, "clean", "packs", "p", "2"))).toEqual([]);
  });
});

describe("getSnapshotStorage", () => {
  it("is the local folder by default and S3 when S3_BUCKET is set", () => {
    vi.stubEnv("SNAPSHOT_DIR", localDir);
    const local = getSnapshotStorage();
    expect(local).toBeInstanceOf(LocalSnapshotStorage);
    expect((local as LocalSnapshotStorage).root).toBe(localDir);
    expect(getSnapshotStorage()).toBe(local);
    for (const [name, value] of Object.entries(s3.env)) vi.stubEnv(name, value);
    expect(getSnapshotStorage()).toBeInstanceOf(S3SnapshotStorage);
    vi.unstubAllEnvs();
  });
});
