// My Packs' "Use the API" for one pack: the curl call with its slug and the org's key prefix, and a
// link to the full examples (Python, JavaScript) on the API reference.
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { CodeBlock, curlExample } from "./RowsApiExamples";

const never = () => () => undefined;

// The page's own origin, known only in the browser; the server render uses a placeholder.
function useApiBaseUrl(): string {
  const origin = useSyncExternalStore(never, () => window.location.origin, () => "https://your-pack-market-host");
  return `${origin}/v1`;
}

export function UseApiSnippet({ slug, keyPrefix }: { slug: string; keyPrefix?: string | null }) {
  const baseUrl = useApiBaseUrl();
  const docsQuery = new URLSearchParams({ pack: slug, ...(keyPrefix && { key: keyPrefix }) });
  return (
    <details data-testid="use-api" className="mt-5 rounded-lg border border-slate-200 px-4 py-3 text-sm">
      <summary className="cursor-pointer font-medium text-slate-800">Use the API</summary>
      <p className="mt-2 text-slate-600">
        {keyPrefix ? (
          <>
            With your key <code className="font-mono text-[13px]">{keyPrefix}…</code> in <code className="font-mono text-[13px]">PM_API_KEY</code>:
          </>
        ) : (
          <>Create an API key below, then put it in <code className="font-mono text-[13px]">PM_API_KEY</code>:</>
        )}
      </p>
      <div className="mt-2">
        <CodeBlock code={curlExample({ baseUrl, slug, keyPrefix })} label="curl example" />
      </div>
      <Link href={`/docs/api?${docsQuery.toString()}#data-api`} className="mt-2 inline-block font-medium text-brand-700 hover:underline">
        Python and JavaScript examples
      </Link>
    </details>
  );
}
