// The org's sessions per month, stacked by pack: a small recharts bar chart on the contributions
// page, with the same figures in a sentence for those who cannot see it.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "~/lib/format";
import { formatMonth } from "~/lib/month";
import { plural } from "./PackCard";
import type { ContributionMonth } from "~/server/services/contribution/contribution-schemas";

const COLORS = ["#3b55e6", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#64748b"];
const SHORT_MONTH = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });

export function ContributionsChart({ history }: { history: ContributionMonth[] }) {
  const packs = new Map<string, string>();
  for (const month of history) for (const p of month.packs) packs.set(p.packId, p.title);
  const data = history.map((m) => ({
    month: SHORT_MONTH.format(new Date(`${m.month}T00:00:00Z`)),
    ...Object.fromEntries(m.packs.map((p) => [p.packId, p.sessions])),
  }));
  const busiest = history.reduce((top, m) => (m.sessions > top.sessions ? m : top), history[0]!);
  const summary = `${formatCount(history.reduce((sum, m) => sum + m.sessions, 0))} sessions over ${plural(history.length, "month")}; the busiest was ${formatMonth(busiest.month)} with ${formatCount(busiest.sessions)}.`;
  return (
    <figure data-testid="contributions-chart" aria-label="Your sessions per month, by pack">
      <BarChart responsive style={{ width: "100%", height: 220 }} data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} desc={summary}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="month" tickLine={false} axisLine={false} fontSize={11} stroke="#64748b" />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={40} fontSize={11} stroke="#64748b" />
        <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(value) => formatCount(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {[...packs.entries()].map(([packId, title], i) => (
          <Bar key={packId} dataKey={packId} name={title} stackId="sessions" fill={COLORS[i % COLORS.length]} isAnimationActive={false} maxBarSize={40} />
        ))}
      </BarChart>
      <figcaption className="mt-1 text-xs text-slate-500">{summary}</figcaption>
    </figure>
  );
}
