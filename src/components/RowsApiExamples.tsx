// Ready-to-paste calls of the data API's rows route for one pack: curl, Python and JavaScript. The
// key itself is never known here (it is shown once, when created): the examples read it from the
// PM_API_KEY environment variable and name the key by its visible prefix.
import { useId, useState } from "react";

export const KEY_PLACEHOLDER_PREFIX = "pm_live_";

export type RowsApiExampleProps = { baseUrl: string; slug: string; keyPrefix?: string | null };

const LANGUAGES = ["curl", "Python", "JavaScript"] as const;
type Language = (typeof LANGUAGES)[number];

function keyHint(keyPrefix: string | null | undefined): string {
  return `${keyPrefix ?? KEY_PLACEHOLDER_PREFIX}…`;
}

export function rowsUrl(baseUrl: string, slug: string): string {
  return `${baseUrl.replace(/\/$/, "")}/packs/${encodeURIComponent(slug)}/rows`;
}

export function curlExample({ baseUrl, slug, keyPrefix }: RowsApiExampleProps): string {
  const url = rowsUrl(baseUrl, slug);
  return [
    `export PM_API_KEY="${keyHint(keyPrefix)}"   # your full key, shown once when you created it`,
    `curl -sS "${url}?limit=100" -H "Authorization: Bearer $PM_API_KEY"`,
    `# The next page, or later only the rows added since: pass next_cursor back`,
    `curl -sS "${url}?limit=100&cursor=NEXT_CURSOR" -H "Authorization: Bearer $PM_API_KEY"`,
    `# CSV (or format=jsonl); the cursor is in the X-Next-Cursor header`,
    `curl -sS -D headers.txt "${url}?limit=1000&format=csv" -H "Authorization: Bearer $PM_API_KEY" -o rows.csv`,
  ].join("\n");
}

export function pythonExample({ baseUrl, slug, keyPrefix }: RowsApiExampleProps): string {
  return `import os, time, requests

URL = "${rowsUrl(baseUrl, slug)}"
HEADERS = {"Authorization": f"Bearer {os.environ['PM_API_KEY']}"}  # ${keyHint(keyPrefix)}

def sync(cursor=None):
    """Reads every row after cursor; returns the cursor to store for the next sync."""
    while True:
        params = {"limit": 1000, **({"cursor": cursor} if cursor else {})}
        r = requests.get(URL, headers=HEADERS, params=params, timeout=30)
        if r.status_code == 429 and r.json()["error"]["code"] == "rate_limited":
            time.sleep(int(r.headers.get("Retry-After", "1")))
            continue
        r.raise_for_status()  # 429 quota_exceeded: no rows left this billing period
        page = r.json()
        for row in page["data"]:
            print(row)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return cursor

cursor = sync()  # store it; sync(cursor) later fetches only new rows
`;
}

export function javascriptExample({ baseUrl, slug, keyPrefix }: RowsApiExampleProps): string {
  return `// Node 18+ (global fetch). PM_API_KEY=${keyHint(keyPrefix)}
const URL_ = "${rowsUrl(baseUrl, slug)}";
const headers = { Authorization: \`Bearer \${process.env.PM_API_KEY}\` };

async function sync(cursor) {
  for (;;) {
    const params = new URLSearchParams({ limit: "1000", ...(cursor && { cursor }) });
    const res = await fetch(\`\${URL_}?\${params}\`, { headers });
    const body = await res.json();
    if (res.status === 429 && body.error.code === "rate_limited") {
      await new Promise((r) => setTimeout(r, Number(res.headers.get("Retry-After") ?? 1) * 1000));
      continue;
    }
    if (!res.ok) throw new Error(\`\${body.error.code}: \${body.error.message}\`);
    for (const row of body.data) console.log(row);
    cursor = body.next_cursor;
    if (!body.has_more) return cursor; // store it: sync(cursor) later fetches only new rows
  }
}

await sync();
`;
}

const EXAMPLES: Record<Language, (props: RowsApiExampleProps) => string> = {
  curl: curlExample,
  Python: pythonExample,
  JavaScript: javascriptExample,
};

export function CodeBlock({ code, label }: { code: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(code).then(() => setCopied(true));
        }}
        className="absolute right-2 top-2 rounded-md bg-slate-800 px-2 py-1 text-xs font-medium text-slate-100 hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        {copied ? "Copied" : "Copy"}
      </button>
      <pre aria-label={label} className="overflow-x-auto rounded-lg bg-slate-950 px-4 py-3 pr-16 font-mono text-[13px] leading-6 text-slate-100">
        {code}
      </pre>
    </div>
  );
}

export function RowsApiExamples(props: RowsApiExampleProps) {
  const [language, setLanguage] = useState<Language>("curl");
  const id = useId();
  return (
    <div data-testid="rows-api-examples">
      <div role="tablist" aria-label="Example language" className="flex gap-1">
        {LANGUAGES.map((lang) => (
          <button
            key={lang}
            type="button"
            role="tab"
            id={`${id}-${lang}`}
            aria-selected={language === lang}
            aria-controls={`${id}-panel`}
            onClick={() => setLanguage(lang)}
            className={`rounded-md px-3 py-1 text-sm font-medium ${language === lang ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {lang}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${language}`} className="mt-3">
        <CodeBlock code={EXAMPLES[language](props)} label={`${language} example`} />
      </div>
    </div>
  );
}
