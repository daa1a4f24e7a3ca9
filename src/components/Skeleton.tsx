import type { ReactNode } from "react";

// Placeholder blocks shown while data loads: a soft gradient that pulses, sized by the caller.

export function Skeleton({ className = "" }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={`animate-pulse rounded-md bg-linear-to-r from-slate-200/80 via-slate-100 to-slate-200/80 ${className}`}
    />
  );
}

// Several lines of text-shaped skeleton; the last one shorter, like a paragraph.
export function SkeletonText({ lines = 3, className = "" }: { lines?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={`space-y-2 ${className}`}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={`h-3.5 ${i === lines - 1 ? "w-2/3" : "w-full"}`} />
      ))}
    </div>
  );
}

// Announces the loading state once to assistive tech while the blocks stand in visually.
export function LoadingRegion({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
