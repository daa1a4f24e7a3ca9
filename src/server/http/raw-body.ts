import type { IncomingMessage } from "node:http";

export class BodyTooLargeError extends Error {}

// Over the limit, it stops collecting and refuses at once, but lets the rest of the body flow on
// and be dropped: leaving a `for await` loop early would destroy the request and with it the
// keep-alive socket, so the client's next request on it failed with ECONNRESET.
export function readRawBody(req: IncomingMessage, limitBytes = 1_000_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Waiting for the end of a stream that already ended would hang the request.
    if (req.readableEnded) return reject(new Error("The request body was already read: turn Next's bodyParser off for this route."));
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
    };
    function onData(chunk: Buffer | string) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size <= limitBytes) {
        chunks.push(buffer);
        return;
      }
      stop();
      req.resume();
      reject(new BodyTooLargeError(`body over ${limitBytes} bytes`));
    }
    function onEnd() {
      stop();
      resolve(Buffer.concat(chunks));
    }
    // Kept for the life of the request: an aborted upload must not become an unhandled 'error'.
    req.on("error", (error) => {
      stop();
      reject(error);
    });
    req.on("data", onData);
    req.on("end", onEnd);
  });
}
