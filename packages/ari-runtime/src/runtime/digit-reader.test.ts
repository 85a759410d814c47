import { describe, expect, it } from 'vitest';
import { afterKey, onSilence, type KeyReading } from './digit-reader.js';

const menu: KeyReading = { maxDigits: 4, timeoutSeconds: 5, entries: ['1', '2', '*', '1002'], digitTimeoutSeconds: 3 };
const digits: KeyReading = { maxDigits: 6, terminator: '#', timeoutSeconds: 4 };

describe('afterKey', () => {
  it('takes a menu key at once unless it starts a longer direct-dial entry', () => {
    expect(afterKey(menu, '2')).toEqual({ kind: 'complete', event: { type: 'digits', digits: '2' } });
    expect(afterKey(menu, '9')).toEqual({ kind: 'complete', event: { type: 'digits', digits: '9' } });
    expect(afterKey(menu, '1')).toEqual({ kind: 'wait', seconds: 3 });
    expect(afterKey(menu, '10')).toEqual({ kind: 'wait', seconds: 3 });
    expect(afterKey(menu, '1002')).toEqual({ kind: 'complete', event: { type: 'digits', digits: '1002' } });
  });

  it('reads digits up to the terminator or maxDigits, waiting timeoutSeconds between keys', () => {
    expect(afterKey(digits, '12')).toEqual({ kind: 'wait', seconds: 4 });
    expect(afterKey(digits, '12#')).toEqual({ kind: 'complete', event: { type: 'digits', digits: '12#' } });
    expect(afterKey(digits, '123456')).toEqual({ kind: 'complete', event: { type: 'digits', digits: '123456' } });
  });
});

describe('onSilence', () => {
  it('is a timeout without keys and the entry so far with some', () => {
    expect(onSilence('')).toEqual({ type: 'timeout' });
    expect(onSilence('56')).toEqual({ type: 'digits', digits: '56' });
  });
});
