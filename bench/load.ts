/**
 * A bounded HTTP load loop on loopback: `concurrency` workers fetch `url` until `durationMs` is
 * over. Returns requests per second; non-2xx answers are errors and make it throw.
 */
export async function requestsPerSecond(url: string, headers: Record<string, string>, concurrency = 8, durationMs = 3000): Promise<number> {
  let done = 0;
  const end = performance.now() + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
      await response.arrayBuffer();
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - start) / 1000);
}
