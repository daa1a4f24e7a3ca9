// What leaves the server about snapshots: their files' facts, never where they are stored.
import { z } from "zod";
import { ZText } from "../../validation/text";

export const ZSnapshotFormat = z.enum(["csv", "jsonl"]);

export const ZPackSnapshotsInput = z.object({ packId: ZText.trim().min(1).max(64) });

export const ZSnapshot = z.object({
  id: z.string(),
  format: ZSnapshotFormat,
  rowCount: z.number().int(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  // The pack's rows up to this id (a decimal string: row ids are 64-bit).
  maxRowId: z.string(),
  createdAt: z.date(),
  // GET it with the session or an API key: counts rowCount against the period's quota, all or nothing.
  downloadPath: z.string(),
});

export const ZSnapshotList = z.object({ snapshots: z.array(ZSnapshot) });

export const ZSnapshotRequest = z.object({
  // queued: the files are being made (the list shows them when done); ready: a snapshot of the
  // pack's current rows already exists; empty: the pack has no rows to snapshot yet.
  state: z.enum(["queued", "ready", "empty"]),
  maxRowId: z.string().nullable(),
});

export type SnapshotFormat = z.infer<typeof ZSnapshotFormat>;
export type Snapshot = z.infer<typeof ZSnapshot>;
export type SnapshotRequest = z.infer<typeof ZSnapshotRequest>;
