// Test fixture for instance-lock.test.ts: holds the DATA_DIR lock of argv[2] until it is killed.
import { lockDataDir } from './instance-lock.js';

lockDataDir(process.argv[2]!, 0);
process.send?.('locked');
setInterval(() => undefined, 60_000);
