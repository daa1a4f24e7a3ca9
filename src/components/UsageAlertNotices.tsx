// My Packs: a notice for each subscription that can read rows and has crossed 80% (a warning) or
// 100% (an error: reads are refused) of its quota this period.
import { formatDate } from "~/lib/format";
import type { MyPack } from "~/server/services/subscription/subscription-schemas";
import { Notice } from "./Notice";

function UsageAlertNotice({ sub, thresholdPct }: { sub: MyPack; thresholdPct: number }) {
  const pack = <span className="font-semibold">{sub.pack.title}</span>;
  const until = sub.currentPeriodEnd ? `until ${formatDate(sub.currentPeriodEnd)}` : "until the next period starts";
  const full = thresholdPct >= 100;
  return (
    <Notice tone={full ? "error" : "warning"} testId="usage-alert">
      {full ? (
        <>
          You have used 100% of this period&apos;s rows for {pack}: reads are refused {until}. Upgrade to a larger tier or wait.
        </>
      ) : (
        <>
          You have used {thresholdPct}% of this period&apos;s rows for {pack}. At 100%, reads are refused {until}.
        </>
      )}
    </Notice>
  );
}

export function UsageAlertNotices({ packs }: { packs: MyPack[] }) {
  const alerted = packs.filter((p) => p.hasAccess && p.usage.alerts.length > 0);
  if (alerted.length === 0) return null;
  return (
    <>
      {alerted.map((sub) => (
        <UsageAlertNotice key={sub.subscriptionId} sub={sub} thresholdPct={Math.max(...sub.usage.alerts)} />
      ))}
    </>
  );
}
