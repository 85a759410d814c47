import { describe, expect, it } from 'vitest';
import { answerWithin } from './ari-requests.js';
import { AriRequestError } from './types.js';

describe('answerWithin', () => {
  it('passes an answer or a failure through', async () => {
    await expect(answerWithin(Promise.resolve('ok'), 1000, 'answer')).resolves.toBe('ok');
    await expect(answerWithin(Promise.reject(new Error('404')), 1000, 'answer')).rejects.toThrow('404');
  });

  it('fails a request that is never answered, naming the operation', async () => {
    const never = new Promise<void>(() => undefined);
    const error = await answerWithin(never, 20, 'setChannelVar').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AriRequestError);
    expect(error).toMatchObject({ operation: 'setChannelVar', status: undefined });
    expect((error as Error).message).toBe('ARI setChannelVar failed: Asterisk did not answer within 0.02 s');
  });
});
