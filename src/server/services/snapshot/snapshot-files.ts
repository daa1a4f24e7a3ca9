// A snapshot file's name, type and encoding, per format: defined once for the maker, the list and
// the download.
import { stringify } from "csv-stringify/sync";
import type { SnapshotFormat } from "./snapshot-schemas";

export const SNAPSHOT_FORMATS = ["csv", "jsonl"] as const satisfies readonly SnapshotFormat[];

export const CONTENT_TYPES: Record<SnapshotFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

// Deterministic: the same pack up to the same row is the same file, so a retried or concurrent
// run finds (or replaces whole) the file it would have made, and the unique storageKey keeps one
// row per file.
export function snapshotStorageKey(packId: string, maxRowId: bigint, format: SnapshotFormat): string {
  return `packs/${packId}/rows-to-${maxRowId}.${format}`;
}

export function downloadPath(snapshotId: string): string {
  return `/v1/snapshots/${encodeURIComponent(snapshotId)}/download`;
}

// e.g. urban-trip-flows-2026-12-01.csv (UTC date); anything but [A-Za-z0-9._-] becomes "-" so
// the name is safe in a Content-Disposition header and on any file system.
export function downloadFilename(packSlug: string, createdAt: Date, format: SnapshotFormat): string {
  const safeSlug = packSlug.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "") || "pack";
  return `${safeSlug}-${createdAt.toISOString().slice(0, 10)}.${format}`;
}

type RowData = unknown;

function csvRecords(rows: RowData[], columns: string[]): unknown[][] {
  return rows.map((row) => {
    const record = (typeof row === "object" && row !== null && !Array.isArray(row) ? row : {}) as Record<string, unknown>;
    return columns.map((column) => record[column]);
  });
}

const CSV_OPTIONS = {
  cast: {
    boolean: (value: boolean) => (value ? "true" : "false"),
    // Nested values (rare in a row) stay readable as JSON in their cell.
    object: (value: object) => JSON.stringify(value),
  },
};

// The file's first bytes: CSV's header line (the pack's columns, in schema order); JSON Lines has none.
export function encodeHeader(format: SnapshotFormat, columns: string[]): string {
  return format === "csv" ? stringify([columns]) : "";
}

// One batch of rows' `data` (nothing else of a row: no contributor, no product, no ids).
export function encodeRows(format: SnapshotFormat, rows: RowData[], columns: string[]): string {
  if (rows.length === 0) return "";
  if (format === "csv") return stringify(csvRecords(rows, columns), CSV_OPTIONS);
  return rows.map((row) => `${JSON.stringify(row)}\n`).join("");
}
