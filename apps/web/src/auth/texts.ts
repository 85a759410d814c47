import type { I18nText } from '@stumpfworks/flow';

/** The login's, the session's and the users page's texts in both languages (merged into i18n.tsx's dictionary). */
export const authTexts = {
  loginTitle: { de: 'Anmelden', en: 'Log in' },
  username: { de: 'Benutzername', en: 'User name' },
  password: { de: 'Passwort', en: 'Password' },
  loginButton: { de: 'Anmelden', en: 'Log in' },
  logout: { de: 'Abmelden', en: 'Log out' },
  checkingSession: { de: 'Anmeldung wird geprüft …', en: 'Checking the login …' },
  passwordTitle: { de: 'Eigenes Passwort setzen', en: 'Set your own password' },
  passwordWhy: {
    de: 'Ihr jetziges Passwort ist ein Einmal-Passwort. Bitte setzen Sie ein eigenes (mindestens 10 Zeichen).',
    en: 'Your current password is a one-time password. Please set your own (at least 10 characters).',
  },
  currentPassword: { de: 'Jetziges Passwort', en: 'Current password' },
  newPassword: { de: 'Neues Passwort', en: 'New password' },
  savePassword: { de: 'Passwort speichern', en: 'Save password' },
  notAllowed: { de: 'Dafür fehlt Ihrer Rolle die Berechtigung.', en: 'Your role does not allow this.' },
  signedInAs: { de: 'Angemeldet als {name} ({role})', en: 'Signed in as {name} ({role})' },
  roleOperator: { de: 'Operator', en: 'operator' },
  roleEditor: { de: 'Editor', en: 'editor' },
  roleAdmin: { de: 'Admin', en: 'admin' },
  navUsers: { de: 'Benutzer', en: 'Users' },
  role: { de: 'Rolle', en: 'Role' },
  oneTimePassword: { de: 'Einmal-Passwort', en: 'One-time password' },
  createUser: { de: 'Benutzer anlegen', en: 'Create user' },
  resetPassword: { de: 'Passwort zurücksetzen', en: 'Reset password' },
  mustChange: { de: 'muss Passwort ändern', en: 'must change password' },
  userCreated: { de: 'Benutzer {name} angelegt: Einmal-Passwort weitergeben.', en: 'User {name} created: pass the one-time password on.' },
  passwordReset: { de: 'Neues Einmal-Passwort für {name} gesetzt.', en: 'New one-time password set for {name}.' },
} satisfies Record<string, I18nText>;
