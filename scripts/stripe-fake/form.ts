// Form-encoded bodies and query strings as the SDK writes them: `a[b][0][c]=v`, `expand[]=x`.
import { invalidParam, missingParam } from "./errors";

export type Param = string | Params | Param[];
export type Params = { [key: string]: Param };

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function assign(root: Params, segments: string[], value: string) {
  let node: Params | Param[] = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    const nextIsArray = !last && (segments[i + 1] === "" || /^\d+$/.test(segments[i + 1]!));
    const make = (): Param => (last ? value : nextIsArray ? [] : {});
    if (Array.isArray(node)) {
      const index = seg === "" ? node.length : Number(seg);
      if (index > 10_000) return;
      node[index] ??= make();
      if (last) node[index] = value;
      const next: Param = node[index]!;
      if (!last && typeof next === "string") return;
      node = next as Params | Param[];
    } else {
      if (UNSAFE_KEYS.has(seg)) return;
      if (last) {
        node[seg] = value;
        return;
      }
      const existing: Param | undefined = node[seg];
      if (existing === undefined || typeof existing === "string") node[seg] = make();
      node = node[seg] as Params | Param[];
    }
  }
}

// Sparse indices (`a[0]`, `a[2]`) become a dense array, as Stripe reads them.
function compact(value: Param): Param {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
}

export function parseForm(text: string): Params {
  const root: Params = {};
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : decode(pair.slice(eq + 1));
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) continue;
    const inner = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!);
    assign(root, [match[1]!, ...inner], value);
  }
  return compact(root) as Params;
}

export function str(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw invalidParam(name, `Invalid string: ${name} must be a string.`, "parameter_invalid_string");
  return v;
}

export function reqStr(p: Params, name: string): string {
  const v = str(p, name);
  if (v === undefined || v === "") throw missingParam(name);
  return v;
}

export function int(p: Params, name: string): number | undefined {
  const v = str(p, name);
  if (v === undefined || v === "") return undefined;
  if (!/^-?\d+$/.test(v)) throw invalidParam(name, `Invalid integer: ${v}`, "parameter_invalid_integer");
  return Number(v);
}

export function bool(p: Params, name: string): boolean | undefined {
  const v = str(p, name);
  if (v === undefined || v === "") return undefined;
  if (v !== "true" && v !== "false") throw invalidParam(name, `Invalid boolean: ${v}`, "parameter_invalid_boolean");
  return v === "true";
}

export function obj(p: Params, name: string): Params | undefined {
  const v = p[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "object" || Array.isArray(v)) {
    throw invalidParam(name, `Invalid object: ${name} must be a hash.`, "parameter_invalid");
  }
  return v;
}

export function list(p: Params, name: string): Param[] | undefined {
  const v = p[name];
  if (v === undefined || v === "") return undefined;
  if (Array.isArray(v)) return v;
  if (typeof v === "object") return Object.values(v);
  throw invalidParam(name, `Invalid array: ${name} must be an array.`, "parameter_invalid");
}

export function strList(p: Params, name: string): string[] {
  return (list(p, name) ?? []).map((v, i) => {
    if (typeof v !== "string") throw invalidParam(`${name}[${i}]`, `Invalid string: ${name}[${i}]`, "parameter_invalid_string");
    return v;
  });
}

// `metadata=""` clears everything, `metadata[k]=""` removes one key, as in Stripe.
export function metadataUpdate(p: Params, current: Record<string, string> = {}, name = "metadata"): Record<string, string> {
  const v = p[name];
  if (v === undefined) return { ...current };
  if (v === "") return {};
  if (typeof v !== "object" || Array.isArray(v)) throw invalidParam(name, "Invalid hash", "parameter_invalid");
  const next = { ...current };
  for (const [key, value] of Object.entries(v)) {
    if (typeof value !== "string") throw invalidParam(`${name}[${key}]`, "Metadata values must be strings.", "parameter_invalid");
    if (key.length > 40) {
      throw invalidParam(`${name}[${key}]`, "Metadata keys can have a maximum length of 40 characters.", "parameter_invalid");
    }
    if (value.length > 500) {
      throw invalidParam(`${name}[${key}]`, "Metadata values can have a maximum length of 500 characters.", "parameter_invalid");
    }
    if (value === "") delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > 50) throw invalidParam(name, "Metadata can have a maximum of 50 keys.", "parameter_invalid");
  return next;
}

// Stable text of a request's parameters, to tell a replay from a reuse of the key.
export function fingerprint(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(",")}}`;
}
