// Whole answers to the public catalogue reads (pack.list and pack.bySlug, over REST and tRPC), kept
// in the catalogue cache under their request URL. The values are cached already
// (services/pack/cached-catalogue.ts), but turning one into an answer (the output schema, superjson
// and tRPC's Fetch adapter) cost more than the read: tRPC pack.list served 0.52× a bare route. A hit
// writes the stored bytes. Only successful answers are kept; they depend on nothing but the URL and
// the catalogue (these procedures are public and read no session), and they go at the catalogue's
// next invalidation, in every process, like the values under them.
import { catalogueCache } from "./catalogue";

export const CATALOGUE_READS: ReadonlySet<string> = new Set(["pack.list", "pack.bySlug"]);

class NotKept extends Error {}

// `produce` answers the body of a successful answer, or null when the answer is anything else (an
// error the caller then answers its usual way); null comes back.
export async function readCatalogueAnswer(key: string, produce: () => Promise<string | null>): Promise<string | null> {
  try {
    return await catalogueCache().read(`answer:${key}`, async () => {
      const body = await produce();
      if (body === null) throw new NotKept();
      return body;
    });
  } catch (error) {
    if (error instanceof NotKept) return null;
    throw error;
  }
}
