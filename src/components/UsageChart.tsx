// Rows read per day of the current period, for one subscription on My Packs: a bar chart with a
// date axis and a rows tooltip, and the same figures in a sentence for those who cannot see it.
import type { UseQueryResult } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps, type TooltipValueType } from "recharts";
import { formatCount } from "~/lib/format";
import type { DailyRows } from "~/server/services/usage/usage-series";
import type { Usage } from "~/server/services/usage/usage-schemas";
import { ChartIcon } from "./icons";
import { Skeleton } from "./Skeleton";

const DAY_LABEL = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

function dayLabel(day: string): string {
  return DAY_LABEL.format(new Date(`${day}T00:00:00Z`));
}

export function usageSummary(daily: DailyRows[]): string {
  const total = daily.reduce((sum, d) => sum + d.rows, 0);
  const busiest = daily.reduce((top, d) => (d.rows > top.rows ? d : top), daily[0]!);
  const days = daily.length === 1 ? "1 day" : `${daily.length} days`;
  return `${formatCount(total)} rows read over ${days} of this period; the busiest day was ${dayLabel(busiest.day)} with ${formatCount(busiest.rows)}.`;
}

function RowsTooltip({ active, payload, label }: TooltipContentProps<TooltipValueType, string | number>) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-sm">
      <p className="font-medium text-slate-900">{dayLabel(String(label))}</p>
      <p className="text-slate-600">{formatCount(Number(payload[0]!.value))} rows</p>
    </div>
  );
}

export function UsageChart({ daily, packTitle }: { daily: DailyRows[]; packTitle: string }) {
  const total = daily.reduce((sum, d) => sum + d.rows, 0);
  if (daily.length === 0 || total === 0) {
    return (
      <p data-testid="usage-chart-empty" className="flex items-center justify-center gap-2 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-sm text-slate-500">
        <ChartIcon className="h-4 w-4 text-slate-400" />
        No rows read yet this period
      </p>
    );
  }
  const summary = usageSummary(daily);
  return (
    <figure data-testid="usage-chart" aria-label={`Rows read per day of ${packTitle} this period`}>
      <BarChart
        responsive
        style={{ width: "100%", height: 144 }}
        data={daily}
        margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
        title={`Rows read per day of ${packTitle}`}
        desc={summary}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="day" tickFormatter={dayLabel} tickLine={false} axisLine={false} minTickGap={16} fontSize={11} stroke="#64748b" />
        <YAxis
          allowDecimals={false}
          tickFormatter={(v: number) => COMPACT.format(v)}
          tickLine={false}
          axisLine={false}
          width={40}
          fontSize={11}
          stroke="#64748b"
        />
        <Tooltip content={RowsTooltip} cursor={{ fill: "#f1f5f9" }} />
        <Bar dataKey="rows" name="Rows" fill="var(--color-brand-600)" radius={[3, 3, 0, 0]} maxBarSize={24} isAnimationActive={false} />
      </BarChart>
      <figcaption data-testid="usage-chart-summary" className="mt-1 text-xs text-slate-500">
        {summary}
      </figcaption>
    </figure>
  );
}

export function UsageChartSkeleton() {
  return <Skeleton className="h-36 w-full" />;
}

// The chart for one subscription from the page's usage query: a skeleton while it loads, a line
// with a retry if it failed, nothing for a subscription that cannot read rows now.
export function DailyUsage({ usage, subscriptionId, packTitle }: { usage: UseQueryResult<Usage, unknown>; subscriptionId: string; packTitle: string }) {
  if (usage.isPending) return <UsageChartSkeleton />;
  if (usage.isError) {
    return (
      <p className="text-sm text-slate-600">
        Daily usage could not be loaded.{" "}
        <button type="button" onClick={() => void usage.refetch()} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Try again
        </button>
      </p>
    );
  }
  const pack = usage.data.packs.find((p) => p.subscriptionId === subscriptionId);
  if (!pack) return null;
  return <UsageChart daily={pack.daily} packTitle={packTitle} />;
}
