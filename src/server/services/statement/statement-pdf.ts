// A statement as a PDF (pdfkit, its built-in Helvetica): org, month and status, the summary (total,
// paid date, transfer id), the pack table with every figure a seller needs to recompute a share,
// the clawback and carried-forward lines with the statement each comes from, the totals, and how
// shares are computed.
import PDFDocument from "pdfkit";
import { formatCount, formatDate } from "~/lib/format";
import { formatMoney } from "~/lib/money";
import { formatMonth } from "~/lib/month";
import { STATEMENT_STATUS_LABELS, statementLineDescription } from "~/lib/statement-labels";
import type { StatementFile } from "./statement-file";

const MARGIN = 50;
const ROW = 18;
const INK = "#0f172a";
const MUTED = "#64748b";
const RULE = "#cbd5e1";

type Column = { title: string; width: number; align: "left" | "right" };

// Widths add up to the A4 text width (595 − 2 × 50).
const PACK_COLUMNS: Column[] = [
  { title: "Pack", width: 121, align: "left" },
  { title: "Your sessions", width: 66, align: "right" },
  { title: "Pack sessions", width: 66, align: "right" },
  { title: "Share", width: 45, align: "right" },
  { title: "Pack gross", width: 65, align: "right" },
  { title: "Pool", width: 65, align: "right" },
  { title: "Your share", width: 67, align: "right" },
];

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function row(doc: PDFKit.PDFDocument, cells: string[], columns: Column[], opts: { bold?: boolean; color?: string } = {}) {
  ensureRoom(doc, ROW);
  const y = doc.y;
  let x = MARGIN;
  doc.font(opts.bold ? "Helvetica-Bold" : "Helvetica").fontSize(8.5).fillColor(opts.color ?? INK);
  cells.forEach((cell, i) => {
    const column = columns[i]!;
    // One line per cell: what does not fit ends in an ellipsis instead of running into the next row.
    doc.text(cell, x + 2, y + 5, { width: column.width - 4, height: 11, align: column.align, ellipsis: true });
    x += column.width;
  });
  doc.moveTo(MARGIN, y + ROW).lineTo(doc.page.width - MARGIN, y + ROW).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.x = MARGIN;
  doc.y = y + ROW;
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  ensureRoom(doc, 40);
  doc.moveDown(1.2).font("Helvetica-Bold").fontSize(11).fillColor(INK).text(text, MARGIN);
  doc.moveDown(0.3);
}

function field(doc: PDFKit.PDFDocument, label: string, value: string) {
  doc.font("Helvetica").fontSize(9.5).fillColor(MUTED).text(`${label}: `, MARGIN, doc.y, { continued: true });
  doc.fillColor(INK).text(value);
}

export async function statementPdf({ org, statement }: StatementFile): Promise<Buffer> {
  const money = (cents: number) => formatMoney(cents, statement.currency);
  const month = formatMonth(statement.month);
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: `Pack Market statement, ${org.name}, ${month}`, Author: "Pack Market", Subject: `Revenue share statement for ${month}` },
  });
  const done = collect(doc);

  doc.font("Helvetica-Bold").fontSize(18).fillColor(INK).text("Pack Market statement");
  doc.moveDown(0.2).font("Helvetica").fontSize(11).fillColor(MUTED).text(`${org.name} · ${month}`);
  doc.moveDown(1);
  field(doc, "Status", STATEMENT_STATUS_LABELS[statement.status]);
  field(doc, "Total", `${money(statement.totalCents)} (${statement.currency.toUpperCase()})`);
  field(doc, "Finalized", statement.finalizedAt ? formatDate(statement.finalizedAt) : "not yet: this statement is a draft until the payout run after the month ends");
  field(doc, "Paid", statement.paidAt ? formatDate(statement.paidAt) : "not paid");
  field(doc, "Stripe transfer", statement.transferId ?? "none");

  const shares = statement.lines.filter((l) => l.kind === "share");
  heading(doc, "Revenue share by pack");
  if (shares.length === 0) {
    doc.font("Helvetica").fontSize(9.5).fillColor(MUTED).text("No pack shares this month.");
  } else {
    row(doc, PACK_COLUMNS.map((c) => c.title), PACK_COLUMNS, { bold: true, color: MUTED });
    for (const line of shares) {
      row(
        doc,
        [
          line.pack?.title ?? "Pack",
          formatCount(line.sessions),
          formatCount(line.packTotalSessions),
          line.sharePercent === null ? "-" : `${line.sharePercent}%`,
          money(line.packGrossCents),
          line.poolCents === null ? "-" : money(line.poolCents),
          money(line.shareCents),
        ],
        PACK_COLUMNS,
      );
    }
  }

  const others = statement.lines.filter((l) => l.kind !== "share");
  if (others.length > 0) {
    const columns: Column[] = [
      { title: "Clawbacks and carried forward", width: 335, align: "left" },
      { title: "Statement", width: 95, align: "left" },
      { title: "Amount", width: 65, align: "right" },
    ];
    heading(doc, "Clawbacks and carried-forward amounts");
    row(doc, columns.map((c) => c.title), columns, { bold: true, color: MUTED });
    for (const line of others) {
      row(doc, [statementLineDescription(line), line.source ? formatMonth(line.source.month) : "-", money(line.shareCents)], columns);
    }
  }

  const { totals } = statement;
  const totalColumns: Column[] = [
    { title: "", width: 430, align: "left" },
    { title: "", width: 65, align: "right" },
  ];
  heading(doc, "Totals");
  row(doc, ["Pack shares", money(totals.sharesCents)], totalColumns);
  row(doc, ["Clawbacks", money(totals.adjustmentsCents)], totalColumns);
  row(doc, ["Carried forward", money(totals.carriedForwardCents)], totalColumns);
  row(doc, [`Total (${statement.currency.toUpperCase()})`, money(totals.totalCents)], totalColumns, { bold: true });

  ensureRoom(doc, 60);
  doc.moveDown(1.5).font("Helvetica").fontSize(8).fillColor(MUTED).text(
    "How shares are computed: a pack's pool is floor(pack gross × revenue share ÷ 10,000 basis points); your share is " +
      "pool × your sessions ÷ the pack's total sessions, rounded to the cent by the largest-remainder method so that " +
      "all contributors' shares add up to the pool exactly. A refund after a statement is finalized is clawed back on " +
      "a later statement; amounts not paid out (under the minimum payout, payouts not enabled, negative, or a failed " +
      "transfer) are carried forward to the next statement.",
    MARGIN,
    doc.y,
    { width: doc.page.width - 2 * MARGIN },
  );

  doc.end();
  return done;
}
