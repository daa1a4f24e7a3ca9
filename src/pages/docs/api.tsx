// The API reference, rendered from the OpenAPI document the app serves, so it never drifts.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/router";
import { ApiOperation, MethodBadge, operationAnchor, requiresAuth, type OpenApiOperation } from "~/components/ApiOperation";
import { ErrorState } from "~/components/ErrorState";
import { PublicLayout } from "~/components/PublicLayout";
import { KEY_PLACEHOLDER_PREFIX, RowsApiExamples } from "~/components/RowsApiExamples";
import { LoadingRegion, Skeleton, SkeletonText } from "~/components/Skeleton";

type SecurityScheme = { type: string; in?: string; name?: string; scheme?: string; description?: string };
type OpenApiDocument = {
  info?: { title?: string; version?: string };
  servers?: { url: string }[];
  security?: OpenApiOperation["security"];
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { securitySchemes?: Record<string, SecurityScheme> };
};

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const ERROR_CODES = [
  { code: "invalid_request", status: 400, meaning: "The input is malformed; the message names the fields at fault." },
  { code: "unauthorized", status: 401, meaning: "No valid session or API key." },
  { code: "forbidden", status: 403, meaning: "Your role in the org does not allow it: billing is for its admins and owners." },
  { code: "not_found", status: 404, meaning: "No such resource, or it belongs to another org." },
  { code: "conflict", status: 409, meaning: "It already exists, or it clashes with the current state." },
  { code: "quota_exceeded", status: 429, meaning: "The subscription has no rows left this billing period." },
  { code: "rate_limited", status: 429, meaning: "Too many requests with one API key: retry after the Retry-After header's seconds." },
  { code: "internal_error", status: 500, meaning: "Something failed on our side; no internals are included." },
];

type Entry = { method: string; path: string; op: OpenApiOperation };

function groupByTag(doc: OpenApiDocument): [string, Entry[]][] {
  const groups = new Map<string, Entry[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  return [...groups.entries()];
}

async function fetchOpenApi(): Promise<OpenApiDocument> {
  const res = await fetch("/api/openapi.json");
  if (!res.ok) throw new Error(`The API description returned ${res.status}.`);
  return (await res.json()) as OpenApiDocument;
}

function Intro({ doc }: { doc: OpenApiDocument }) {
  const baseUrl = doc.servers?.[0]?.url ?? "/v1";
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  return (
    <section aria-labelledby="intro-title" className="space-y-6">
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="intro-title" className="text-sm font-semibold text-slate-900">Base URL</h2>
        <code className="mt-2 block overflow-x-auto rounded-lg bg-slate-950 px-4 py-3 font-mono text-sm text-slate-100">{baseUrl}</code>
        <p className="mt-3 text-sm text-slate-600">Requests and responses are JSON. Paths below are relative to the base URL.</p>
      </div>
      {schemes.length > 0 && (
        <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="text-sm font-semibold text-slate-900">Authentication</h2>
          <ul className="mt-2 space-y-1 text-sm text-slate-600">
            {schemes.map(([id, s]) => (
              <li key={id}>
                <span className="font-medium text-slate-800">{s.description ?? id}</span>:{" "}
                {s.type === "apiKey" ? (
                  <>
                    {s.in} <code className="font-mono text-[13px]">{s.name}</code>
                  </>
                ) : (
                  <>{s.scheme ?? s.type}</>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <DataApiIntro baseUrl={baseUrl} />
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-sm font-semibold text-slate-900">Errors</h2>
        <p className="mt-1 text-sm text-slate-600">Every error has the same shape, with one of the codes below.</p>
        <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-950 px-4 py-3 font-mono text-sm leading-6 text-slate-100">
          {`{ "error": { "code": "not_found", "message": "No pack with slug \\"x\\"." } }`}
        </pre>
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Error codes</caption>
            <thead>
              <tr className="border-b border-slate-200 text-start text-xs text-slate-500">
                <th scope="col" className="py-2 pr-4 text-start font-semibold">Code</th>
                <th scope="col" className="py-2 pr-4 text-start font-semibold">HTTP</th>
                <th scope="col" className="py-2 text-start font-semibold">Meaning</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {ERROR_CODES.map((e) => (
                <tr key={e.code}>
                  <th scope="row" className="py-2 pr-4 text-start font-mono text-[13px] font-semibold text-slate-900">{e.code}</th>
                  <td className="py-2 pr-4 tabular-nums text-slate-600">{e.status}</td>
                  <td className="py-2 text-slate-600">{e.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

// My Packs links here with ?pack=<slug>&key=<key prefix>: the examples then name that pack and key.
// Only a prefix is ever accepted in the URL, never a whole key.
function useExampleTarget(): { slug: string; keyPrefix: string } {
  const { query } = useRouter();
  const pack = typeof query.pack === "string" && /^[a-z0-9-]{1,100}$/.test(query.pack) ? query.pack : "your-pack-slug";
  const key = typeof query.key === "string" && /^pm_live_[0-9A-Za-z]{1,4}$/.test(query.key) ? query.key : KEY_PLACEHOLDER_PREFIX;
  return { slug: pack, keyPrefix: key };
}

function DataApiIntro({ baseUrl }: { baseUrl: string }) {
  const { slug, keyPrefix } = useExampleTarget();
  return (
    <div id="data-api" className="scroll-mt-24 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-900">Reading rows (data API)</h2>
      <p className="mt-1 text-sm text-slate-600">
        Create an API key under API keys in the app, then read the rows of a pack your organization subscribes to with{" "}
        <code className="font-mono text-[13px]">Authorization: Bearer</code>. Keep <code className="font-mono text-[13px]">next_cursor</code>:
        passed back as <code className="font-mono text-[13px]">cursor</code> it returns only the rows added since. Every row served
        counts against your billing period&apos;s quota; each key may make 20 requests a second (bursts of 40).
      </p>
      <div className="mt-4">
        <RowsApiExamples baseUrl={baseUrl} slug={slug} keyPrefix={keyPrefix} />
      </div>
    </div>
  );
}

function DocsSkeleton() {
  return (
    <LoadingRegion label="Loading the API reference" className="space-y-6">
      <Skeleton className="h-28 w-full rounded-xl" />
      <Skeleton className="h-44 w-full rounded-xl" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="rounded-xl border border-slate-200 bg-white p-5">
          <div className="flex gap-3">
            <Skeleton className="h-5 w-16" />
            <Skeleton className="h-5 w-48" />
          </div>
          <SkeletonText lines={3} className="mt-5" />
        </div>
      ))}
    </LoadingRegion>
  );
}

export default function ApiDocsPage() {
  const docQuery = useQuery({ queryKey: ["openapi-document"], queryFn: fetchOpenApi });
  const doc = docQuery.data;
  const groups = doc ? groupByTag(doc) : [];
  return (
    <PublicLayout title="API reference">
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
          <p className="text-sm font-medium text-brand-700">Developers</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl">API reference</h1>
          <p className="mt-3 max-w-2xl text-base leading-7 text-slate-600">
            Browse packs, manage subscriptions and read rows from your own programs. Generated from the live OpenAPI
            document at{" "}
            {/* A JSON document, not a page: a plain link opens it as is. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/api/openapi.json" className="font-medium text-brand-700 underline-offset-2 hover:underline">
              /api/openapi.json
            </a>
            {doc?.info?.version && <> (version {doc.info.version})</>}.
          </p>
        </div>
      </div>
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-10 sm:px-6 lg:grid-cols-[14rem_1fr]">
        <nav aria-label="Endpoints" className="hidden lg:block">
          <div className="sticky top-24 space-y-5 text-sm">
            {groups.map(([tag, entries]) => (
              <div key={tag}>
                <p className="text-xs font-semibold uppercase tracking-wider text-slate-400">{tag}</p>
                <ul className="mt-2 space-y-1">
                  {entries.map((e) => (
                    <li key={`${e.method} ${e.path}`}>
                      <a href={`#${operationAnchor(e.method, e.path)}`} className="flex items-center gap-2 rounded px-1 py-0.5 text-slate-600 hover:text-slate-900">
                        <MethodBadge method={e.method} className="w-12 text-[10px]" />
                        <span className="truncate font-mono text-xs">{e.path}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </nav>
        <div className="min-w-0 space-y-12">
          {docQuery.isPending ? (
            <DocsSkeleton />
          ) : docQuery.isError ? (
            <ErrorState
              title="We couldn't load the API reference"
              message={docQuery.error.message}
              onRetry={() => void docQuery.refetch()}
              retrying={docQuery.isFetching}
            />
          ) : (
            <>
              <Intro doc={docQuery.data} />
              {groups.map(([tag, entries]) => (
                <section key={tag} aria-labelledby={`tag-${tag}`}>
                  <h2 id={`tag-${tag}`} className="text-xl font-semibold tracking-tight text-slate-900">{tag}</h2>
                  <div className="mt-4 space-y-6">
                    {entries.map((e) => (
                      <ApiOperation key={`${e.method} ${e.path}`} method={e.method} path={e.path} op={e.op} authRequired={requiresAuth(e.op, docQuery.data.security)} />
                    ))}
                  </div>
                </section>
              ))}
            </>
          )}
        </div>
      </div>
    </PublicLayout>
  );
}
