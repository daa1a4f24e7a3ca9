// Catalogue search: PostgreSQL full-text search, ranked title over category over summary and
// description, with the last word matched as a prefix so results follow the typing.
//
// The user's text never becomes query syntax: it is cut into words of letters and digits (so `%`,
// `_`, `&`, `:`, quotes and the like are not operators, only separators), and only those words are
// put in the tsquery. Each word must match (AND), either as English (stemmed: "trips" finds
// "trip") or as typed (a prefix of a word: "chargi" finds "charging"). The catalogue is small, so
// the vectors are computed in the query: no index, no column to keep up to date.
import type { Db } from "~/server/db";

const MAX_WORDS = 8;

export function searchWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

// The tsquery text for the words: "ev & charg:*". Safe to pass to to_tsquery, as a parameter: the
// words hold letters and digits only.
export function prefixQuery(words: string[]): string {
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" & ");
}

// The ids of active packs matching `text`, best first (ties by title). No words (only punctuation):
// nothing matches, rather than everything.
export async function searchPackIds(db: Db, input: { text: string; category?: string }): Promise<string[]> {
  const words = searchWords(input.text);
  if (words.length === 0) return [];
  const query = prefixQuery(words);
  const exact = words.join(" & ");
  const category = input.category ?? null;
  // Ranked by the prefix query plus the same words matched whole, so "EV" puts a title with the
  // word EV before one with "Evening".
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    WITH q AS (
      SELECT to_tsquery('english', ${query}) || to_tsquery('simple', ${query}) AS query,
        to_tsquery('english', ${exact}) || to_tsquery('simple', ${exact}) AS exact
    ),
    docs AS (
      SELECT p."id", p."title",
        setweight(to_tsvector('english', p."title") || to_tsvector('simple', p."title"), 'A') ||
        setweight(to_tsvector('english', p."category") || to_tsvector('simple', p."category"), 'B') ||
        setweight(to_tsvector('english', p."summary") || to_tsvector('simple', p."summary"), 'C') ||
        setweight(to_tsvector('english', p."description") || to_tsvector('simple', p."description"), 'D') AS doc
      FROM "packs" p
      WHERE p."status" = 'active' AND (${category}::text IS NULL OR lower(p."category") = lower(${category}::text))
    )
    SELECT docs."id" FROM docs, q
    WHERE docs.doc @@ q.query
    ORDER BY ts_rank(docs.doc, q.query) + ts_rank(docs.doc, q.exact) DESC, docs."title" ASC`;
  return rows.map((r) => r.id);
}
