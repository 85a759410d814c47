/** Why an archive is refused, in both languages (the API picks the caller's, the CLI prints both). */
export class BackupRefused extends Error {
  constructor(
    readonly reason: 'corrupt' | 'truncated' | 'foreign' | 'newer-schema' | 'not-found',
    readonly text: { de: string; en: string },
  ) {
    super(text.en);
    this.name = 'BackupRefused';
  }
}
