import { request } from 'node:http';

/** What `requestFrom` got back. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * An HTTP request sent from the loopback address `localAddress` (127.0.0.0/8 are all local on
 * Linux), so that a test can be several clients to the server's per-address limits. fetch has no
 * such option without undici's Agent.
 *
 * @example await requestFrom('127.0.0.7', `${url}/api/v1/flows`, { headers: { authorization: 'Bearer x' } })
 */
export function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, localAddress }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
