// A driver adapter for the Prisma CLI only (loaded by prisma.config.ts, never by the app).
// Prisma 6.19's CLI runs its WebAssembly schema engine through a driver adapter, which lets
// migrations run offline; this file works around four upstream bugs of that path
// (see ../shared/TOOLCHAIN.md, "Prisma offline").
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const PG_NAME_OID = 19;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type FieldsResult = { fields?: Array<{ dataTypeID: number }> } | undefined;

function reportCatalogTypesAsText<T>(result: T): T {
  const r = result as FieldsResult;
  for (const field of r?.fields ?? []) {
    if (field.dataTypeID === PG_NAME_OID || field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

// Bug 1: @prisma/adapter-pg cannot decode `name` and `"char"`, which introspection reads.
class CatalogSafeClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      args[args.length - 1] = (err: unknown, res: any) => last(err, reportCatalogTypesAsText(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    return out && typeof out.then === "function" ? out.then(reportCatalogTypesAsText) : out;
  }
}

// An idle client of a pool whose database is dropped WITH (FORCE) (the shadow database, below) is
// terminated by the server (57P01); pg reports that as an 'error' event on the pool, which without
// a listener crashes the CLI, as it did now and then in CI's drift check. It is expected then.
function poolFor(connectionString: string) {
  const pool = new pg.Pool({ connectionString, Client: CatalogSafeClient, max: 2 });
  pool.on("error", (error: Error & { code?: string }) => {
    if (error.code !== "57P01") console.error("[prisma] idle database connection failed:", error.message);
  });
  return pool;
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// Bug 2: executeScript splits on ";", breaking $$ bodies. Send the whole script at once;
// a simple-protocol multi-statement query is one implicit transaction, so it rolls back whole.
function sendScriptsWhole(adapter: Adapter, pool: pg.Pool): Adapter {
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      // onError wraps the pg error into the DriverAdapterError the engine understands.
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

class CliPgAdapterFactory extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(poolFor(connectionString));
  }

  override async connect() {
    const adapter = await super.connect();
    return sendScriptsWhole(adapter, adapter.underlyingDriver() as pg.Pool);
  }

  // Bug 3: the upstream shadow database ignores the name with a connectionString and is dropped
  // while still connected. Create it here, connect a fresh pool to it, drop it WITH (FORCE) after.
  override async connectToShadowDb() {
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Pool({ connectionString: this.connectionString, max: 1 });
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      await admin.end();
      throw new Error(
        `Cannot create a shadow database (${(error as Error).message}). ` +
          "Shadow databases need a real PostgreSQL server with CREATEDB; the embedded PGlite is a single database.",
      );
    }
    const url = new URL(this.connectionString);
    url.pathname = `/${name}`;
    const shadowPool = poolFor(url.toString());
    const shadow = sendScriptsWhole(await new PrismaPg(shadowPool).connect(), shadowPool);
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await shadowPool.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}

// Bug 4: the wasm engine leaves a 10 s timer pending after apply/reset; in the CLI process only,
// long timers must not keep the process alive.
export function unrefLongTimers() {
  const original = globalThis.setTimeout;
  const patched = ((fn: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
    const timer = original(fn, ms, ...rest);
    if ((ms ?? 0) >= 10_000) timer.unref();
    return timer;
  }) as unknown as typeof setTimeout;
  globalThis.setTimeout = patched;
}

export function cliAdapterFactory(connectionString: string) {
  return new CliPgAdapterFactory(connectionString);
}
