// Which functions an event starts. Names match exactly or by a trailing wildcard ("app/*").
// Trigger expressions are CEL on Inngest's servers; here only the common subset is understood:
// comparisons (== !=) of `event.…` paths and literals, joined by &&. A trigger with any other
// expression never matches, and says so once in the log.
import type { AppRecord, FunctionConfig, InngestEvent } from "./types";
import { isEventTrigger } from "./types";

export type Match = { app: AppRecord; fn: FunctionConfig };

export function matchFunctions(apps: AppRecord[], event: InngestEvent, warn: (message: string) => void = () => undefined): Match[] {
  const matches: Match[] = [];
  for (const app of apps) {
    for (const fn of app.functions) {
      const hit = fn.triggers.filter(isEventTrigger).some((t) => {
        if (!nameMatches(t.event, event.name)) return false;
        if (!t.expression) return true;
        const result = evaluateExpression(t.expression, { event });
        if (result === "unsupported") {
          warnOnce(warn, `function ${fn.id}: trigger expression not supported by the dev executor, ignoring this trigger: ${t.expression}`);
          return false;
        }
        return result;
      });
      if (hit) matches.push({ app, fn });
    }
  }
  return matches;
}

function nameMatches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

const warned = new Set<string>();
function warnOnce(warn: (message: string) => void, message: string) {
  if (warned.has(message)) return;
  warned.add(message);
  warn(message);
}

const TOKEN = /\s*(?:(&&)|(==|!=)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|(true|false|null)|([A-Za-z_][\w.]*))/y;

export function evaluateExpression(expression: string, vars: Record<string, unknown>): boolean | "unsupported" {
  const clauses = expression.split("&&");
  for (const clause of clauses) {
    const operands: unknown[] = [];
    let operator: string | undefined;
    TOKEN.lastIndex = 0;
    const text = clause.trim();
    while (TOKEN.lastIndex < text.length) {
      const m = TOKEN.exec(text);
      if (!m || m[1]) return "unsupported";
      if (m[2]) {
        if (operator || operands.length !== 1) return "unsupported";
        operator = m[2];
      } else if (m[3] !== undefined || m[4] !== undefined) operands.push((m[3] ?? m[4])!.replace(/\\(.)/g, "$1"));
      else if (m[5] !== undefined) operands.push(Number(m[5]));
      else if (m[6] !== undefined) operands.push(m[6] === "null" ? null : m[6] === "true");
      else operands.push(lookup(vars, m[7]!));
    }
    if (!operator || operands.length !== 2) return "unsupported";
    const equal = operands[0] === operands[1];
    if ((operator === "==") !== equal) return false;
  }
  return true;
}

function lookup(vars: Record<string, unknown>, path: string): unknown {
  let value: unknown = vars;
  for (const key of path.split(".")) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value ?? null;
}
