// What every pack is licensed under, and how often a pack's rows arrive: the pack page's "What you
// get". One licence for the whole marketplace (a per-pack licence would be a Pack column).
import { PACK_UPDATE_FREQUENCY } from "../../prisma/seed-data";

export const DEFAULT_UPDATE_FREQUENCY = "Continuously, as contributing products send sessions";

export function updateFrequency(slug: string): string {
  return PACK_UPDATE_FREQUENCY[slug] ?? DEFAULT_UPDATE_FREQUENCY;
}

export const PACK_LICENCE = {
  name: "Pack Market Data Licence 1.0",
  summary: "Use the rows inside your organization, for as long as you subscribe.",
  terms: [
    "Use the rows for analysis, models and products of your own; publish aggregates and findings derived from them.",
    "Do not resell, sublicense or publish the rows themselves, in whole or in large part.",
    "Do not try to identify a person, device, site or contributing organization from the rows.",
    "Rows read while you subscribed stay usable after you cancel; new rows and snapshots stop.",
    "The data comes as is: it describes what contributing products recorded, without a warranty of fitness for a purpose.",
  ],
} as const;
