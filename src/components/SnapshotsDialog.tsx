// A subscribed pack's snapshots, from My Packs' Download button: date, rows, size, format and a
// Download link each. An admin can ask for one now; it is made by a workflow and appears here when
// done (the list is polled meanwhile). A download counts its rows all or nothing: when they do not
// fit, the server's message is shown here instead of a file.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { formatBytes, formatCount, formatDate, formatTimeUtc } from "~/lib/format";
import type { Snapshot } from "~/server/services/snapshot/snapshot-schemas";
import type { MyPack } from "~/server/services/subscription/subscription-schemas";
import { useTRPC } from "~/utils/trpc";
import { primaryButton, secondaryButton } from "./button-styles";
import { EmptyState } from "./EmptyState";
import { ErrorState } from "./ErrorState";
import { InboxIcon } from "./icons";
import { Modal } from "./Modal";
import { Notice } from "./Notice";
import { LoadingRegion, Skeleton } from "./Skeleton";
import { Spinner } from "./Spinner";
import { useOrgManagement } from "./use-org-management";

const FORMAT_NAMES: Record<Snapshot["format"], string> = { csv: "CSV", jsonl: "JSON Lines" };
const POLL_MS = 2_000;
// A requested snapshot not listed after this long: stop polling and say it is still being made.
const POLL_FOR_MS = 120_000;

const thClass = "px-2.5 py-2 text-start text-xs font-semibold uppercase tracking-wide text-slate-500";
const tdClass = "whitespace-nowrap px-2.5 py-2 text-slate-600";
const downloadButton =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-brand-700 shadow-sm transition hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";

// What the last "Make a snapshot now" said: queued (made by a workflow, up to this row), or nothing to do.
type Request = { kind: "queued"; maxRowId: string } | { kind: "ready" | "empty" };
type RequestStatus = "pending" | "done" | "slow" | "ready" | "empty";

function SnapshotsSkeleton() {
  return (
    <LoadingRegion label="Loading snapshots" className="mt-4 space-y-3">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-4">
          <Skeleton className="h-3.5 w-36" />
          <Skeleton className="h-3.5 w-14" />
          <Skeleton className="h-3.5 w-14" />
          <Skeleton className="h-3.5 w-16" />
          <Skeleton className="ml-auto h-7 w-20" />
        </div>
      ))}
    </LoadingRegion>
  );
}

function SnapshotTable({ snapshots, packTitle, onDownload }: { snapshots: Snapshot[]; packTitle: string; onDownload: (s: Snapshot) => void }) {
  return (
    <div className="mt-4 max-h-80 overflow-auto rounded-lg border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            <th scope="col" className={thClass}>Date</th>
            <th scope="col" className={`${thClass} text-end`}>Rows</th>
            <th scope="col" className={`${thClass} text-end`}>Size</th>
            <th scope="col" className={thClass}>Format</th>
            <th scope="col" className={thClass}>
              <span className="sr-only">Download</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {snapshots.map((s) => (
            <tr key={s.id} data-testid="snapshot-row">
              <td className={tdClass}>
                <div className="text-slate-900">{formatDate(s.createdAt)}</div>
                <div className="text-xs text-slate-500">{formatTimeUtc(s.createdAt)}</div>
              </td>
              <td className={`${tdClass} text-end tabular-nums`}>{formatCount(s.rowCount)}</td>
              <td className={`${tdClass} text-end tabular-nums`}>{formatBytes(s.sizeBytes)}</td>
              <td className={tdClass}>{FORMAT_NAMES[s.format]}</td>
              <td className="px-2.5 py-2 text-end">
                {/* A link (so it can be copied or opened), handled in place so a refusal shows here. */}
                <a
                  href={s.downloadPath}
                  onClick={(e) => {
                    e.preventDefault();
                    onDownload(s);
                  }}
                  className={downloadButton}
                  aria-label={`Download ${packTitle} snapshot of ${formatDate(s.createdAt)} ${formatTimeUtc(s.createdAt)} as ${FORMAT_NAMES[s.format]}, ${formatCount(s.rowCount)} rows`}
                >
                  Download
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Downloads in a hidden frame: a file becomes a download and the page stays; a refusal (JSON
// { error }) loads into the frame instead, where we read its message. The file streams straight to
// disk, never through the page's memory.
function useFrameDownload(onError: (message: string) => void) {
  const frame = useRef<HTMLIFrameElement | null>(null);
  useEffect(() => () => frame.current?.remove(), []);
  return (path: string) => {
    frame.current?.remove();
    const iframe = document.createElement("iframe");
    iframe.hidden = true;
    iframe.title = "Snapshot download";
    iframe.addEventListener("load", () => {
      const text = iframe.contentDocument?.body?.textContent ?? "";
      try {
        const body = JSON.parse(text) as { error?: { message?: string } };
        if (body.error?.message) onError(body.error.message);
      } catch {
        // Not our JSON: the file went to the browser's downloads.
      }
    });
    iframe.src = path;
    document.body.appendChild(iframe);
    frame.current = iframe;
  };
}

function RequestNotice({ status, onDismiss }: { status: RequestStatus | null; onDismiss: () => void }) {
  if (!status) return null;
  const text = {
    pending: "Making a snapshot of the pack's current rows. It appears in this list when it is ready.",
    done: "Your snapshot is ready below.",
    ready: "A snapshot of the pack's current rows already exists: it is in the list below.",
    empty: "This pack has no rows yet, so there is nothing to snapshot.",
    slow: "The snapshot is still being made. Check back in a few minutes.",
  }[status];
  return (
    <Notice tone="neutral" className="mt-4" testId="snapshot-request-status" onDismiss={status === "pending" ? undefined : onDismiss}>
      <span className="inline-flex items-center gap-2">
        {status === "pending" && <Spinner />}
        {text}
      </span>
    </Notice>
  );
}

function SnapshotsContent({ sub }: { sub: MyPack }) {
  const trpc = useTRPC();
  const management = useOrgManagement();
  const noteId = useId();
  const [request, setRequest] = useState<Request | null>(null);
  const [slow, setSlow] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const listed = (snapshots: Snapshot[] | undefined, maxRowId: string) => snapshots?.some((s) => s.maxRowId === maxRowId) ?? false;
  const list = useQuery({
    ...trpc.snapshot.list.queryOptions({ packId: sub.pack.id }),
    // Polled while a requested snapshot is being made, until it is listed (or it takes too long).
    refetchInterval: (query) =>
      request?.kind === "queued" && !slow && !listed(query.state.data?.snapshots, request.maxRowId) ? POLL_MS : false,
  });
  const create = useMutation(trpc.snapshot.create.mutationOptions());
  const download = useFrameDownload(setDownloadError);

  useEffect(() => {
    if (request?.kind !== "queued") return;
    const timer = setTimeout(() => setSlow(true), POLL_FOR_MS);
    return () => clearTimeout(timer);
  }, [request]);

  let status: RequestStatus | null = null;
  if (request?.kind === "queued") status = listed(list.data?.snapshots, request.maxRowId) ? "done" : slow ? "slow" : "pending";
  else if (request) status = request.kind;

  function makeSnapshot() {
    create.mutate(
      { packId: sub.pack.id },
      {
        onSuccess: (result) => {
          setSlow(false);
          setRequest(result.state === "queued" && result.maxRowId ? { kind: "queued", maxRowId: result.maxRowId } : { kind: result.state === "empty" ? "empty" : "ready" });
          void list.refetch();
        },
      },
    );
  }

  const notAllowedReasonId = management.canManage ? undefined : noteId;
  const snapshots = list.data?.snapshots;
  return (
    <>
      <p className="mt-1 text-sm text-slate-600">
        Files of the pack&apos;s rows, made daily at 03:00 UTC. Downloading one counts its rows against this period&apos;s quota, all or
        nothing.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={makeSnapshot}
          disabled={notAllowedReasonId !== undefined || create.isPending || status === "pending"}
          aria-describedby={notAllowedReasonId}
          className={secondaryButton}
          data-testid="make-snapshot"
        >
          {create.isPending && <Spinner />}
          Make a snapshot now
        </button>
        {notAllowedReasonId && (
          <p id={notAllowedReasonId} className="text-xs text-slate-500">
            Only admins and owners of {management.orgName} can make one.
          </p>
        )}
      </div>
      {create.error && (
        <Notice tone="error" className="mt-4" testId="snapshot-request-error">
          {create.error.message || "We couldn't ask for a snapshot. Try again in a moment."}
        </Notice>
      )}
      <RequestNotice status={status} onDismiss={() => setRequest(null)} />
      {downloadError && (
        <Notice tone="error" className="mt-4" testId="snapshot-download-error" onDismiss={() => setDownloadError(null)}>
          {downloadError}
        </Notice>
      )}
      {list.isPending ? (
        <SnapshotsSkeleton />
      ) : list.isError ? (
        <ErrorState
          className="mt-4 py-8"
          title="We couldn't load the snapshots"
          message="The list could not be loaded. Check your connection and try again."
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : snapshots && snapshots.length > 0 ? (
        <SnapshotTable
          snapshots={snapshots}
          packTitle={sub.pack.title}
          onDownload={(s) => {
            setDownloadError(null);
            download(s.downloadPath);
          }}
        />
      ) : (
        <EmptyState
          className="mt-4 py-8"
          icon={<InboxIcon className="h-6 w-6" />}
          title="No snapshot yet"
          text="No snapshot yet — the first is made daily at 03:00 UTC."
        />
      )}
    </>
  );
}

// The card's Download button and the dialog it opens. Without access to the pack's rows there is
// nothing to download: the button is disabled and says why.
export function SnapshotsButton({ sub }: { sub: MyPack }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={!sub.hasAccess}
        data-testid="download-button"
        title={sub.hasAccess ? undefined : "Snapshots can be downloaded while the subscription has access"}
        className={primaryButton}
      >
        Download
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title={`Snapshots of ${sub.pack.title}`} testId="snapshots-dialog">
        <SnapshotsContent sub={sub} />
        <div className="mt-6 flex justify-end">
          <button type="button" onClick={() => setOpen(false)} className={secondaryButton}>
            Close
          </button>
        </div>
      </Modal>
    </>
  );
}
