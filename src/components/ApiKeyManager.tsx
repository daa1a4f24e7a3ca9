// The org's API keys for the data API: list them, create one (shown once), revoke one. Members see
// the list; creating and revoking are for admins and owners, and are disabled with the reason.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatDate } from "~/lib/format";
import type { ApiKeyScope } from "~/server/services/api-key/api-key-scope";
import type { ApiKey } from "~/server/services/api-key/api-key-schemas";
import { useTRPC } from "~/utils/trpc";
import { CreateKeyDialog, NewKeyDialog, RevokeKeyDialog } from "./ApiKeyDialogs";
import { primaryButton } from "./button-styles";
import { EmptyState } from "./EmptyState";
import { ErrorState } from "./ErrorState";
import { KeyIcon } from "./icons";
import { Notice } from "./Notice";
import { LoadingRegion, Skeleton } from "./Skeleton";
import { useOrgManagement } from "./use-org-management";

const cardClass = "overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm";
const thClass = "px-4 py-2.5 text-start text-xs font-semibold uppercase tracking-wide text-slate-500";
const tdClass = "whitespace-nowrap px-4 py-3 text-slate-600";
const revokeButton =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm transition hover:border-red-200 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500 disabled:cursor-not-allowed disabled:text-slate-400 disabled:opacity-60 disabled:hover:border-slate-300 disabled:hover:bg-white";

function KeysSkeleton() {
  return (
    <LoadingRegion label="Loading API keys" className={cardClass}>
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-3">
        <Skeleton className="h-3 w-2/3" />
      </div>
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-6 border-b border-slate-100 px-4 py-3.5 last:border-0">
          <Skeleton className="h-3.5 w-32" />
          <Skeleton className="h-3.5 w-28" />
          <Skeleton className="h-3.5 w-20" />
          <Skeleton className="hidden h-3.5 w-24 sm:block" />
          <Skeleton className="ml-auto h-7 w-16" />
        </div>
      ))}
    </LoadingRegion>
  );
}

function ScopeBadge({ scope }: { scope: ApiKeyScope }) {
  const tone = scope === "ingest" ? "bg-amber-50 text-amber-800 ring-amber-200" : "bg-slate-100 text-slate-700 ring-slate-200";
  return (
    <span data-testid="api-key-scope" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {scope === "ingest" ? "Ingest" : "Read"}
    </span>
  );
}

function KeysTable({ keys, onRevoke, notAllowedReasonId }: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void; notAllowedReasonId?: string }) {
  return (
    <div className={cardClass}>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={thClass}>Label</th>
              <th scope="col" className={thClass}>Scope</th>
              <th scope="col" className={thClass}>Key</th>
              <th scope="col" className={thClass}>Created</th>
              <th scope="col" className={thClass}>Created by</th>
              <th scope="col" className={thClass}>Last used</th>
              <th scope="col" className={thClass}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.map((key) => (
              <tr key={key.id} data-testid="api-key-row">
                <th scope="row" className="max-w-56 truncate px-4 py-3 text-left font-medium text-slate-900" title={key.label}>
                  {key.label}
                </th>
                <td className={tdClass}>
                  <ScopeBadge scope={key.scope} />
                </td>
                <td className={tdClass}>
                  <code className="font-mono text-[13px] text-slate-700">{key.prefix}…</code>
                </td>
                <td className={tdClass}>{formatDate(key.createdAt)}</td>
                <td className={tdClass} title={key.createdBy?.email}>
                  {key.createdBy ? (key.createdBy.name ?? key.createdBy.email) : <span className="text-slate-400">Former member</span>}
                </td>
                <td className={tdClass}>{key.lastUsedAt ? formatDate(key.lastUsedAt) : <span className="text-slate-400">Never</span>}</td>
                <td className="px-4 py-2 text-right">
                  <button
                    type="button"
                    onClick={() => onRevoke(key)}
                    disabled={notAllowedReasonId !== undefined}
                    aria-describedby={notAllowedReasonId}
                    aria-label={`Revoke ${key.label}`}
                    className={revokeButton}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ApiKeyManager({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const management = useOrgManagement();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  // gcTime 0: once its dialog is closed, the full key is not kept in the mutation cache either.
  const create = useMutation({ ...trpc.apiKey.create.mutationOptions(), gcTime: 0 });
  const revoke = useMutation(trpc.apiKey.revoke.mutationOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokedLabel, setRevokedLabel] = useState<string | null>(null);
  const titleId = useId();
  const noteId = useId();
  const notAllowedReasonId = management.canManage ? undefined : noteId;
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });

  function openCreate() {
    create.reset();
    setCreating(true);
  }

  function openRevoke(key: ApiKey) {
    revoke.reset();
    setRevoking(key);
  }

  function createKey(input: { label: string; scope: ApiKeyScope }) {
    // The full key lives in this mutation's result until the dialog that shows it is closed.
    create.mutate(input, { onSuccess: () => setCreating(false), onSettled: () => void refreshList() });
  }

  function confirmRevoke(key: ApiKey) {
    revoke.mutate(
      { keyId: key.id },
      {
        onSuccess: async () => {
          await refreshList();
          setRevoking(null);
          setRevokedLabel(key.label);
        },
      },
    );
  }

  const Heading = headingLevel === 1 ? "h1" : "h2";
  const list = keys.data?.keys;
  return (
    <section aria-labelledby={titleId}>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1 basis-80">
          <Heading
            id={titleId}
            className={headingLevel === 1 ? "text-3xl font-semibold tracking-tight text-slate-900" : "text-xl font-semibold text-slate-900"}
          >
            API keys
          </Heading>
          <p className="mt-2 text-sm text-slate-500">
            Your programs read your packs&apos; rows through the data API with a read key, and send your products&apos; sessions
            with an ingest key, sent as <code className="font-mono text-[13px] text-slate-700">Authorization: Bearer &lt;key&gt;</code>.
            A key is shown once, when it is created.
          </p>
        </div>
        <div className="flex flex-col items-end gap-1.5">
          <button type="button" onClick={openCreate} disabled={notAllowedReasonId !== undefined} aria-describedby={notAllowedReasonId} className={primaryButton}>
            <KeyIcon className="h-4 w-4" />
            Create key
          </button>
          {notAllowedReasonId && (
            <p id={notAllowedReasonId} data-testid="api-keys-role-note" className="max-w-xs text-right text-xs text-slate-500">
              Only admins and owners of {management.orgName} can create or revoke keys.
            </p>
          )}
        </div>
      </div>

      {revokedLabel && (
        <Notice tone="neutral" className="mt-6" testId="api-key-revoked" onDismiss={() => setRevokedLabel(null)}>
          Revoked <span className="font-semibold">{revokedLabel}</span>: it no longer opens the data API.
        </Notice>
      )}

      <div className="mt-6">
        {keys.isPending ? (
          <KeysSkeleton />
        ) : keys.isError ? (
          <ErrorState
            title="We couldn't load your API keys"
            message="Your keys could not be loaded. Check your connection and try again."
            onRetry={() => void keys.refetch()}
            retrying={keys.isFetching}
          />
        ) : list && list.length > 0 ? (
          <KeysTable keys={list} notAllowedReasonId={notAllowedReasonId} onRevoke={openRevoke} />
        ) : (
          <EmptyState
            icon={<KeyIcon className="h-6 w-6" />}
            title="No API keys yet"
            text={
              management.canManage
                ? "Create a key to read your packs' rows from your own code through the data API."
                : `Admins and owners of ${management.orgName ?? "your org"} can create keys for the data API.`
            }
            action={management.canManage ? { label: "Create key", onClick: openCreate } : undefined}
          />
        )}
      </div>

      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} onCreate={createKey} pending={create.isPending} error={create.error} />
      <NewKeyDialog created={create.data ?? null} onDone={() => create.reset()} />
      <RevokeKeyDialog
        apiKey={revoking}
        onCancel={() => setRevoking(null)}
        onConfirm={confirmRevoke}
        pending={revoke.isPending}
        error={revoke.error}
      />
    </section>
  );
}
