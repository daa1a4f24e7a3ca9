// One endpoint of the API reference: method, path, auth, parameters, request and response shapes.
import type { ReactNode } from "react";
import { SchemaView, typeLabel, type JsonSchema } from "./OpenApiSchema";

export type OpenApiParameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type MediaContent = Record<string, { schema?: JsonSchema }>;
export type OpenApiOperation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: MediaContent };
  responses?: Record<string, { description?: string; content?: MediaContent }>;
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  post: "bg-blue-50 text-blue-700 ring-blue-200",
  put: "bg-amber-50 text-amber-800 ring-amber-200",
  patch: "bg-amber-50 text-amber-800 ring-amber-200",
  delete: "bg-red-50 text-red-700 ring-red-200",
};

export function MethodBadge({ method, className = "" }: { method: string; className?: string }) {
  return (
    <span
      className={`inline-flex w-16 justify-center rounded-md px-2 py-0.5 font-mono text-xs font-bold uppercase ring-1 ring-inset ${
        METHOD_STYLE[method] ?? "bg-slate-100 text-slate-700 ring-slate-200"
      } ${className}`}
    >
      {method}
    </span>
  );
}

// "Requires auth" unless the operation (or the document, when the operation says nothing) lists no
// security requirement, or allows an empty one (auth optional).
export function requiresAuth(op: OpenApiOperation, globalSecurity: OpenApiOperation["security"]): boolean {
  const security = op.security ?? globalSecurity ?? [];
  return security.length > 0 && security.every((req) => Object.keys(req).length > 0);
}

export function operationAnchor(method: string, path: string): string {
  return `op-${method}-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

function jsonSchema(content: MediaContent | undefined): JsonSchema | undefined {
  return content?.["application/json"]?.schema ?? Object.values(content ?? {})[0]?.schema;
}

function PathText({ path }: { path: string }) {
  return (
    <code className="break-all font-mono text-sm font-semibold text-slate-900">
      {path.split(/(\{[^}]+\})/g).map((part, i) =>
        part.startsWith("{") ? (
          <span key={i} className="text-brand-600">
            {part}
          </span>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </code>
  );
}

function SubHeading({ children }: { children: ReactNode }) {
  return <h4 className="text-xs font-semibold uppercase tracking-wider text-slate-500">{children}</h4>;
}

function ParametersTable({ parameters }: { parameters: OpenApiParameter[] }) {
  const th = "px-3 py-2 text-start text-xs font-semibold text-slate-500";
  return (
    <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>Name</th>
            <th scope="col" className={th}>In</th>
            <th scope="col" className={th}>Required</th>
            <th scope="col" className={th}>Type</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {parameters.map((p) => (
            <tr key={`${p.in}-${p.name}`}>
              <th scope="row" className="px-3 py-2 text-start font-mono text-[13px] font-semibold text-slate-900">
                {p.name}
                {p.description && <p className="mt-0.5 font-sans text-xs font-normal text-slate-500">{p.description}</p>}
              </th>
              <td className="px-3 py-2 text-slate-600">{p.in}</td>
              <td className="px-3 py-2">{p.required ? <span className="font-medium text-amber-700">yes</span> : <span className="text-slate-400">no</span>}</td>
              <td className="px-3 py-2 font-mono text-xs text-slate-600">{p.schema ? typeLabel(p.schema) : "any"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ApiOperation({ method, path, op, authRequired }: { method: string; path: string; op: OpenApiOperation; authRequired: boolean }) {
  const requestSchema = jsonSchema(op.requestBody?.content);
  const ok = op.responses?.["200"] ?? op.responses?.["201"];
  const responseSchema = jsonSchema(ok?.content);
  return (
    <article id={operationAnchor(method, path)} className="scroll-mt-24 rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-4">
        <MethodBadge method={method} />
        <PathText path={path} />
        <span
          className={`ml-auto rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${
            authRequired ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-600 ring-slate-200"
          }`}
        >
          {authRequired ? "Requires auth" : "Public"}
        </span>
      </header>
      <div className="space-y-6 px-5 py-5">
        {(op.summary || op.description) && (
          <div>
            {op.summary && <h3 className="text-base font-semibold text-slate-900">{op.summary}</h3>}
            {op.description && <p className="mt-1 text-sm text-slate-600">{op.description}</p>}
          </div>
        )}
        {op.parameters && op.parameters.length > 0 && (
          <section>
            <SubHeading>Parameters</SubHeading>
            <ParametersTable parameters={op.parameters} />
          </section>
        )}
        {requestSchema && (
          <section>
            <SubHeading>Request body{op.requestBody?.required ? " (required)" : ""}</SubHeading>
            <div className="mt-2 rounded-lg border border-slate-200 px-4 py-3">
              <SchemaView schema={requestSchema} />
            </div>
          </section>
        )}
        <section>
          <SubHeading>Response 200</SubHeading>
          <div className="mt-2 rounded-lg border border-slate-200 px-4 py-3">
            {responseSchema ? <SchemaView schema={responseSchema} /> : <p className="text-sm text-slate-500">{ok?.description ?? "No body."}</p>}
          </div>
        </section>
      </div>
    </article>
  );
}
