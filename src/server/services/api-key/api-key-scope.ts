// What a key may do: a read key (a buyer's) reads rows and snapshots of its org's subscriptions; an
// ingest key (a seller's) only sends sessions. A key used for the other is refused with 403
// forbidden: the key is valid (401 would send its owner looking for a typo), its scope does not
// allow the request, and the key is the caller's own, so nothing about another org leaks.
import type { ApiKeyScope } from "~/server/db/generated/enums";
import { AppError } from "~/server/errors";

export type { ApiKeyScope };

export const API_KEY_SCOPES = ["read", "ingest"] as const satisfies readonly ApiKeyScope[];

const REFUSALS: Record<ApiKeyScope, string> = {
  read: "This is an ingest key: it can only send sessions (POST /v1/ingest/sessions). Read rows and snapshots with a read key.",
  ingest: "This is a read key: it cannot send sessions. An org admin can create an ingest key under API keys.",
};

export function assertKeyScope(scope: ApiKeyScope, needed: ApiKeyScope): void {
  if (scope !== needed) throw new AppError("forbidden", REFUSALS[needed]);
}
