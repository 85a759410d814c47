import type { Bilingual } from '../http/language.js';

/**
 * The server will not start, for a reason an operator must act on (both languages in the message:
 * start-up has no request whose language could choose).
 */
export class StartRefused extends Error {
  readonly code = 'start-refused';
  constructor(readonly text: Bilingual) {
    super(`${text.en}\n${text.de}`);
  }
}
