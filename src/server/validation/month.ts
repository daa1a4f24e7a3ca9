// How the API takes a month: any real day of it (YYYY-MM-DD, as the seed's
// `statements?month=YYYY-MM-DD`) or the month itself (YYYY-MM, as page URLs write it).
// 2026-02-30 and 2026-13-01 are refused (invalid_request), not rolled into the next month.
import { parseMonth } from "~/lib/month";
import { ZText } from "./text";

export const MONTH_INPUT_MESSAGE = "must be a real date written YYYY-MM-DD (any day names its month) or a month written YYYY-MM";

/** The first day (UTC) of the month `text` names, or null when it names none. */
export const parseMonthInput = parseMonth;

export const ZMonthInput = ZText.refine((text) => parseMonthInput(text) !== null, MONTH_INPUT_MESSAGE).meta({
  description: "A month: any day of it as YYYY-MM-DD (2026-03-17 is March 2026), or YYYY-MM",
  example: "2026-03-01",
});
