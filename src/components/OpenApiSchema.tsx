// Renders an inline JSON Schema (as found in an OpenAPI document) as a readable list of fields.
// Handles type/properties/items/enum, nullability written as anyOf [X, null] or type [X, "null"],
// and shows a $ref by its name rather than following it.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  description?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  $ref?: string;
  additionalProperties?: boolean | JsonSchema;
};

type Described = { schema: JsonSchema; nullable: boolean; variants: JsonSchema[] };

// Peels nullability off a schema; what remains is one schema, or several alternatives.
function unwrap(schema: JsonSchema): Described {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const nonNull = alternatives.filter((s) => s.type !== "null");
    const nullable = nonNull.length < alternatives.length;
    if (nonNull.length === 1 && nonNull[0]) {
      const inner = unwrap({ description: schema.description, ...nonNull[0] });
      return { ...inner, nullable: nullable || inner.nullable };
    }
    return { schema, nullable, variants: nonNull };
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: types.length < schema.type.length, variants: [] };
  }
  if (schema.allOf?.length === 1 && schema.allOf[0]) return unwrap({ description: schema.description, ...schema.allOf[0] });
  return { schema, nullable: Boolean(schema.nullable), variants: [] };
}

export function typeLabel(schema: JsonSchema): string {
  const { schema: s, variants } = unwrap(schema);
  if (variants.length > 0) return variants.map(typeLabel).join(" | ");
  if (s.$ref) return s.$ref.split("/").pop() ?? s.$ref;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (s.type === "array") return s.items ? `array of ${typeLabel(s.items)}` : "array";
  if (s.type === "object" && !s.properties && typeof s.additionalProperties === "object") {
    return `map of ${typeLabel(s.additionalProperties)}`;
  }
  const base = s.type ?? (s.properties ? "object" : "any");
  return s.format ? `${base} (${s.format})` : base;
}

// Limits worth a reader's attention; zod's ±2^53 bounds on every integer are not.
function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  const sane = (n: number | undefined): n is number => n !== undefined && Math.abs(n) < 1e15;
  if (sane(s.minimum)) out.push(`min ${s.minimum}`);
  if (sane(s.maximum)) out.push(`max ${s.maximum}`);
  if (s.minLength !== undefined && s.minLength > 0) out.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) out.push(`max length ${s.maxLength}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

// The object whose fields should be listed beneath a schema, if any (an object, or array items).
function fieldsOf(schema: JsonSchema): JsonSchema | undefined {
  const { schema: s } = unwrap(schema);
  if (s.properties) return s;
  if (s.type === "array" && s.items) return fieldsOf(s.items);
  return undefined;
}

function Field({ name, schema, required, depth }: { name: string; schema: JsonSchema; required: boolean; depth: number }) {
  const { schema: s, nullable } = unwrap(schema);
  const nested = fieldsOf(s);
  const limits = constraints(s);
  return (
    <li className="py-2">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <code className="font-mono text-[13px] font-semibold text-slate-900">{name}</code>
        <span className="font-mono text-xs text-slate-500">{typeLabel(schema)}</span>
        {nullable && <span className="rounded bg-slate-100 px-1.5 text-[11px] font-medium text-slate-600">nullable</span>}
        {required ? (
          <span className="text-[11px] font-medium uppercase tracking-wide text-amber-700">required</span>
        ) : (
          <span className="text-[11px] uppercase tracking-wide text-slate-400">optional</span>
        )}
      </div>
      {s.description && <p className="mt-1 text-sm text-slate-600">{s.description}</p>}
      {s.enum && (
        <p className="mt-1 text-xs text-slate-500">
          One of:{" "}
          {s.enum.map((v, i) => (
            <span key={i}>
              {i > 0 && ", "}
              <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-700">{JSON.stringify(v)}</code>
            </span>
          ))}
        </p>
      )}
      {limits.length > 0 && <p className="mt-1 text-xs text-slate-400">{limits.join(" · ")}</p>}
      {nested && depth < 6 && <FieldList schema={nested} depth={depth + 1} />}
    </li>
  );
}

function FieldList({ schema, depth }: { schema: JsonSchema; depth: number }) {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return <p className="mt-2 text-sm text-slate-500">An empty object.</p>;
  return (
    <ul className={`divide-y divide-slate-100 ${depth > 0 ? "mt-2 border-l-2 border-slate-100 pl-4" : ""}`}>
      {entries.map(([name, child]) => (
        <Field key={name} name={name} schema={child} required={required.has(name)} depth={depth} />
      ))}
    </ul>
  );
}

// A whole body: its shape in one line, then its fields (for an array of objects, the items' fields).
export function SchemaView({ schema }: { schema: JsonSchema }) {
  const fields = fieldsOf(schema);
  const { nullable } = unwrap(schema);
  return (
    <div>
      <p className="font-mono text-xs text-slate-500">
        {typeLabel(schema)}
        {nullable ? " | null" : ""}
      </p>
      {fields ? <FieldList schema={fields} depth={0} /> : null}
    </div>
  );
}
