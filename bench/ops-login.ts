/**
 * The login figures of `pnpm bench ops` (issue #17): a real server (temp DATA_DIR, no Asterisk)
 * and LOGINS sequential `POST /auth/login` over HTTP on loopback, each a full scrypt verification
 * and a session insert. Prints the KDF's cost, `login_p50_ms` and `login_p95_ms` (goal: under
 * 300 ms), and `login_concurrent4_p95_ms` (4 logins at once, as a team arriving at 8 o'clock: the
 * thread pool runs scrypt 4 wide, on this machine's 2 cores).
 */
import { SCRYPT_COST } from '../apps/server/src/auth/password.js';
import { startTestServer } from '../apps/server/src/testing.js';
import { percentile, report } from './stats.js';

const LOGINS = Number(process.env.BENCH_LOGINS ?? 40);
const PASSWORD = 'bench-admin-password-1';

export async function benchOpsLogin(): Promise<void> {
  const t = await startTestServer({ SWF_ADMIN_PASSWORD: PASSWORD });
  try {
    const login = async () => {
      const start = performance.now();
      const response = await fetch(`${t.server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`login answered ${response.status}`);
      return performance.now() - start;
    };
    await login(); // warm-up: the prepared statements and scrypt's first 32 MiB
    const sequential: number[] = [];
    for (let i = 0; i < LOGINS; i++) sequential.push(await login());
    const concurrent: number[] = [];
    for (let i = 0; i < LOGINS / 4; i++) concurrent.push(...(await Promise.all([login(), login(), login(), login()])));
    console.log(`login_kdf=scrypt N=${SCRYPT_COST.N} r=${SCRYPT_COST.r} p=${SCRYPT_COST.p} (${(128 * SCRYPT_COST.N * SCRYPT_COST.r) / 2 ** 20} MiB)`);
    console.log(`logins=${LOGINS}`);
    report('login_p50_ms', percentile(sequential, 50), 1);
    report('login_p95_ms', percentile(sequential, 95), 1);
    report('login_concurrent4_p95_ms', percentile(concurrent, 95), 1);
  } finally {
    await t.stop();
  }
}
