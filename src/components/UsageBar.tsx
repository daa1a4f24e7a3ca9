// Rows used against a quota: a sentence and a bar that turns amber above 80% and red when full.
import { formatCount } from "~/lib/format";

export function usageTone(used: number, quota: number): "ok" | "high" | "full" {
  if (used >= quota) return "full";
  return used / quota > 0.8 ? "high" : "ok";
}

const BAR: Record<ReturnType<typeof usageTone>, string> = {
  ok: "bg-brand-600",
  high: "bg-amber-500",
  full: "bg-red-500",
};

export function UsageBar({
  used,
  quota,
  label,
  caption = "rows this period",
  className = "",
}: {
  used: number;
  quota: number;
  // What the bar measures, for assistive tech (e.g. "Rows used by Charging sessions").
  label: string;
  caption?: string;
  className?: string;
}) {
  const tone = usageTone(used, quota);
  const percent = quota > 0 ? Math.min(100, (used / quota) * 100) : 100;
  const text = `${formatCount(used)} of ${formatCount(quota)} ${caption}`;
  return (
    <div className={className}>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <p className="text-slate-700">
          <span className="font-semibold text-slate-900">{formatCount(used)}</span> of {formatCount(quota)} {caption}
        </p>
        <p className={`text-xs font-medium ${tone === "full" ? "text-red-700" : tone === "high" ? "text-amber-700" : "text-slate-500"}`}>
          {tone === "full" ? "Quota reached" : `${formatCount(Math.round(percent))}% used`}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={quota}
        aria-valuenow={Math.min(used, quota)}
        aria-valuetext={text}
        className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full rounded-full transition-[width] duration-500 ${BAR[tone]}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
