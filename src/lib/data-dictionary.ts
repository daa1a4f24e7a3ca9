// A pack's data dictionary as a CSV file: one line per column of its row schema (column, type,
// description), quoted as RFC 4180 says, for buyers to load beside the rows.
type Column = { name: string; type: string; description: string };

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function dataDictionaryCsv(columns: readonly Column[]): string {
  const lines = [["column", "type", "description"], ...columns.map((c) => [c.name, c.type, c.description])];
  return `${lines.map((cells) => cells.map(field).join(",")).join("\r\n")}\r\n`;
}

export function dataDictionaryHref(columns: readonly Column[]): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(dataDictionaryCsv(columns))}`;
}
