// Which procedure a REST request reaches, from the OpenAPI meta of the tRPC procedures (the same
// meta trpc-to-openapi writes the document from). Paths are matched on percent-decoded segments, so
// a path parameter arrives as the client meant it: /packs/a%20b is the slug "a b", a%2Fb is "a/b".
import {
  coerceSchema,
  forEachOpenApiProcedure,
  getInputOutputParsers,
  instanceofZodTypeKind,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  instanceofZodTypeOptional,
  normalizePath,
  unwrapZodType,
  type OpenApiMethod,
  type OpenApiProcedureRecord,
} from "trpc-to-openapi";
import { AppError } from "../errors";
import { REST_BASE_PATH } from "./openapi";

export type RestRoute = {
  method: OpenApiMethod;
  // "packs", "{slug}": a segment in braces is a path parameter.
  template: string[];
  procedurePath: string;
  // False for z.void() inputs: query and body are ignored.
  takesInput: boolean;
  // Query parameters the schema declares as arrays: one value still arrives as an array.
  arrayParams: Set<string>;
};

export type RouteMatch =
  | { kind: "found"; route: RestRoute; pathParams: Record<string, string> }
  | { kind: "wrong_method"; allow: OpenApiMethod[] }
  | { kind: "none" };

// Next serves /v1/... through a rewrite (req.url keeps /v1) and /api/v1/... directly.
const PREFIXES = ["/api/v1", REST_BASE_PATH];

export function restRoutes(procedures: OpenApiProcedureRecord): RestRoute[] {
  const routes: RestRoute[] = [];
  forEachOpenApiProcedure(procedures, ({ path, type, procedure, meta: { openapi } }) => {
    if (type === "subscription") return;
    const schema = unwrapZodType(getInputOutputParsers(procedure).inputParser, true);
    const arrayParams = new Set<string>();
    if (instanceofZodTypeObject(schema)) {
      // As trpc-to-openapi does: query strings become the numbers, booleans and dates the schema wants.
      coerceSchema(schema);
      for (const [key, field] of Object.entries(schema.shape)) {
        const inner = instanceofZodTypeOptional(field) ? field.unwrap() : field;
        if (instanceofZodTypeKind(inner, "array")) arrayParams.add(key);
      }
    }
    routes.push({
      method: openapi.method,
      template: normalizePath(openapi.path).slice(1).split("/"),
      procedurePath: path,
      takesInput: !instanceofZodTypeLikeVoid(schema),
      arrayParams,
    });
  });
  return routes;
}

// The decoded segments of a request path after the REST prefix ([] for the prefix itself), or null
// when the path is not under it. Malformed percent-encoding is invalid_request.
export function restPathSegments(url: string): string[] | null {
  const rawPath = url.split(/[?#]/, 1)[0] ?? "";
  const prefix = PREFIXES.find((p) => rawPath === p || rawPath.startsWith(`${p}/`));
  if (prefix === undefined) return null;
  const rest = rawPath.slice(prefix.length).replace(/^\/|\/$/g, "");
  if (rest === "") return [];
  return rest.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new AppError("invalid_request", "The path is not valid percent-encoding.");
    }
  });
}

function matchTemplate(template: string[], segments: string[]): Record<string, string> | null {
  if (template.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const segment = segments[i]!;
    const param = /^\{(.+)\}$/.exec(part)?.[1];
    if (param !== undefined) {
      if (segment === "") return null;
      params[param] = segment;
    } else if (part.toLowerCase() !== segment.toLowerCase()) {
      // Case-insensitive like trpc-to-openapi's router, which served these paths before.
      return null;
    }
  }
  return params;
}

export function matchRestRoute(routes: RestRoute[], method: string, segments: string[]): RouteMatch {
  const wanted = method === "HEAD" ? "GET" : method;
  const allow: OpenApiMethod[] = [];
  for (const route of routes) {
    const pathParams = matchTemplate(route.template, segments);
    if (!pathParams) continue;
    if (route.method === wanted) return { kind: "found", route, pathParams };
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: "wrong_method", allow } : { kind: "none" };
}
