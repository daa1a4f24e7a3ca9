// The two tables of a pack page: its row schema and a few sample rows.
import { formatCount, formatDate } from "~/lib/format";
import type { PackColumn } from "~/server/services/pack/pack-schemas";

const TYPE_STYLE: Record<PackColumn["type"], string> = {
  string: "bg-slate-100 text-slate-700 ring-slate-200",
  integer: "bg-sky-50 text-sky-700 ring-sky-100",
  number: "bg-sky-50 text-sky-700 ring-sky-100",
  boolean: "bg-violet-50 text-violet-700 ring-violet-100",
  timestamp: "bg-amber-50 text-amber-800 ring-amber-100",
  date: "bg-amber-50 text-amber-800 ring-amber-100",
};

export function TypeBadge({ type }: { type: PackColumn["type"] }) {
  return (
    <span className={`inline-flex rounded-md px-1.5 py-0.5 font-mono text-xs ring-1 ring-inset ${TYPE_STYLE[type]}`}>{type}</span>
  );
}

const cardClass = "overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm";
const thClass = "px-4 py-2.5 text-start text-xs font-semibold uppercase tracking-wide text-slate-500";

export function RowSchemaTable({ columns }: { columns: PackColumn[] }) {
  return (
    <div className={cardClass}>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={thClass}>
                Column
              </th>
              <th scope="col" className={thClass}>
                Type
              </th>
              <th scope="col" className={thClass}>
                Description
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {columns.map((column) => (
              <tr key={column.name}>
                <th scope="row" className="whitespace-nowrap px-4 py-3 text-left font-mono text-[13px] font-medium text-slate-900">
                  {column.name}
                </th>
                <td className="px-4 py-3">
                  <TypeBadge type={column.type} />
                </td>
                <td className="px-4 py-3 text-slate-600">{column.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function formatCell(value: unknown, type: PackColumn["type"] | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") return formatCount(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") {
    if (type === "date" && !Number.isNaN(Date.parse(value))) return formatDate(value);
    if (type === "timestamp") return value.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
    return value;
  }
  return JSON.stringify(value);
}

export function SampleRowsTable({ columns, rows }: { columns: PackColumn[]; rows: Record<string, unknown>[] }) {
  if (rows.length === 0) {
    return <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">No sample rows yet.</p>;
  }
  // Columns from the schema first, then any extra keys a sample happens to carry.
  const names = [...new Set([...columns.map((c) => c.name), ...rows.flatMap((r) => Object.keys(r))])];
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  return (
    <div className={cardClass}>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Sample rows, scrolls horizontally">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              {names.map((name) => {
                const type = typeOf.get(name);
                const numeric = type === "integer" || type === "number";
                return (
                  <th
                    key={name}
                    scope="col"
                    className={`${thClass} whitespace-nowrap font-mono normal-case tracking-normal ${numeric ? "text-right" : ""}`}
                  >
                    {name}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, i) => (
              <tr key={i} className="hover:bg-slate-50/60">
                {names.map((name) => {
                  const type = typeOf.get(name);
                  const numeric = type === "integer" || type === "number";
                  return (
                    <td key={name} className={`whitespace-nowrap px-4 py-2.5 font-mono text-[13px] text-slate-700 ${numeric ? "text-right tabular-nums" : ""}`}>
                      {formatCell(row[name], type)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
