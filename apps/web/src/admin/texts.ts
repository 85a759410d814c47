import type { I18nText } from '@stumpfworks/flow';

/**
 * The admin pages' texts in both languages. i18n.tsx merges them into the one dictionary that
 * `t(key)` reads; the page titles are the navigation's `nav*` texts there.
 */
export const adminTexts = {
  // Shared by every page: the table, the form, the secret shown once.
  search: { de: 'Suchen', en: 'Search' },
  nothingFound: { de: 'Keine Einträge.', en: 'No entries.' },
  create: { de: 'Neu anlegen', en: 'Create' },
  edit: { de: 'Bearbeiten', en: 'Edit' },
  deleteConfirm: { de: '{id} wirklich löschen?', en: 'Really delete {id}?' },
  copied: { de: 'Kopiert', en: 'Copied' },
  secretOnce: { de: 'Wird nur jetzt angezeigt – bitte notieren oder kopieren.', en: 'Shown only now – note or copy it.' },
  fieldId: { de: 'Kennung', en: 'Id' },
  fieldName: { de: 'Name', en: 'Name' },
  fieldPin: { de: 'PIN', en: 'PIN' },

  // The forms' checks as the admin types (the server's 422 messages are shown as it sends them).
  checkRequired: { de: 'Bitte ausfüllen', en: 'required' },
  checkSlug: { de: 'Nur Kleinbuchstaben, Ziffern und -', en: 'lower-case letters, digits and -' },
  checkSlugLetterFirst: {
    de: 'Nur Kleinbuchstaben, Ziffern und -, am Anfang ein Buchstabe',
    en: 'lower-case letters, digits and -, starting with a letter',
  },
  checkPinDigits: { de: 'Muss aus 4 bis 10 Ziffern bestehen', en: 'must be 4 to 10 digits' },

  // Dashboard
  liveCalls: { de: 'Laufende Gespräche', en: 'Live calls' },
  endpoints: { de: 'Nebenstellen und Leitungen', en: 'Extensions and trunks' },
  updated: { de: 'Aktualisiert', en: 'Updated' },
  callCaller: { de: 'Anrufer', en: 'Caller' },
  callConnected: { de: 'Verbunden mit', en: 'Connected to' },
  callSince: { de: 'Seit', en: 'Since' },
  state: { de: 'Zustand', en: 'State' },
  endpointKind: { de: 'Art', en: 'Kind' },
  endpointRegistration: { de: 'Registrierung', en: 'Registration' },
  endpointChannels: { de: 'Kanäle', en: 'Channels' },
  endpointExtension: { de: 'Nebenstelle', en: 'Extension' },
  endpointTrunk: { de: 'Leitung', en: 'Trunk' },
  // Asterisk's words for an endpoint, a channel and a trunk registration; others are shown as Asterisk sends them.
  endpointOnline: { de: 'erreichbar', en: 'online' },
  endpointOffline: { de: 'nicht erreichbar', en: 'offline' },
  endpointUnknown: { de: 'unbekannt', en: 'unknown' },
  channelUp: { de: 'verbunden', en: 'connected' },
  channelRing: { de: 'klingelt', en: 'ringing' },
  channelDialing: { de: 'wählt', en: 'dialling' },
  channelBusy: { de: 'besetzt', en: 'busy' },
  channelDown: { de: 'beendet', en: 'down' },
  registrationRegistered: { de: 'angemeldet', en: 'registered' },
  registrationUnregistered: { de: 'nicht angemeldet', en: 'not registered' },
  registrationRejected: { de: 'abgelehnt', en: 'rejected' },
  registrationStopped: { de: 'angehalten', en: 'stopped' },
  // The ARI runtime's Stasis apps as Asterisk has them (Dashboard, RuntimePanel)
  runtime: { de: 'ARI-Laufzeit (Abläufe im ARI-Modus)', en: 'ARI runtime (flows in ARI mode)' },
  runtimeApp: { de: 'Stasis-App', en: 'Stasis app' },
  runtimeRole: { de: 'Aufgabe', en: 'Role' },
  runtimeRoleFlows: { de: 'führt Abläufe aus', en: 'runs flows' },
  runtimeRoleVisits: { de: 'zählt Besuche', en: 'records visits' },
  appRegistered: { de: 'bei Asterisk angemeldet', en: 'registered with Asterisk' },
  appReplaced: { de: 'von anderer Verbindung übernommen', en: 'taken over by another connection' },
  appMissing: { de: 'fehlt bei Asterisk, wird neu angemeldet', en: 'missing in Asterisk, registering again' },
  appConnecting: { de: 'verbindet', en: 'connecting' },
  runtimeConnected: { de: 'Asterisk hat alle Apps dieses Servers angemeldet.', en: 'Asterisk has every app of this server registered.' },
  runtimeReplaced: {
    de: 'Eine andere Verbindung (ein zweiter Server mit derselben ARI_APP?) hat eine App übernommen: deren Anrufe gehen dorthin. Sobald sie sie freigibt, meldet dieser Server sie wieder an.',
    en: 'Another connection (a second server with the same ARI_APP?) took an app over: its calls go there. Once it lets go, this server registers the app again.',
  },
  runtimeMissing: {
    de: 'Asterisk fehlt eine App: Anrufe an Abläufe im ARI-Modus gehen zum Ersatzziel, bis sie wieder angemeldet ist.',
    en: 'Asterisk lacks an app: calls to flows in ARI mode go to the fallback until it is registered again.',
  },
  runtimeConnecting: {
    de: 'Keine Verbindung zu Asterisk (ARI): Anrufe an Abläufe im ARI-Modus gehen zum Ersatzziel.',
    en: 'Not connected to Asterisk (ARI): calls to flows in ARI mode go to the fallback.',
  },
  runtimeOff: { de: 'Dieser Server führt keine ARI-Laufzeit aus (kein Asterisk eingerichtet).', en: 'This server runs no ARI runtime (no Asterisk configured).' },
  // The SIP brute-force guard's bans (Dashboard)
  bans: { de: 'Gesperrte Adressen', en: 'Banned addresses' },
  bansWatching: {
    de: 'Der Schutz ist aktiv: Asterisk meldet jede fehlgeschlagene SIP-Anmeldung.',
    en: 'Protection is on: Asterisk reports every failed SIP authentication.',
  },
  bansNotWatching: {
    de: 'Asterisk meldet gerade keine Anmeldungen (nicht erreichbar): es wird niemand gesperrt.',
    en: 'Asterisk reports no authentications right now (not reachable): nobody is banned meanwhile.',
  },
  bansEnforcementKernel: {
    de: 'Gesperrte Adressen verwirft schon der Kernel (nftables), bevor Asterisk sie sieht; Asterisk weist sie zudem ab (ACL).',
    en: 'Banned addresses are dropped by the kernel (nftables) before Asterisk sees them, and refused by Asterisk too (ACL).',
  },
  bansEnforcementAcl: {
    de: 'Gesperrte Adressen weist Asterisk ab (ACL, Antwort 403). Darf der Server Firewall-Regeln setzen (root oder CAP_NET_ADMIN), verwirft sie schon der Kernel.',
    en: 'Banned addresses are refused by Asterisk (ACL, answer 403). Where the server may set firewall rules (root or CAP_NET_ADMIN), the kernel drops them before Asterisk sees them.',
  },
  banAddress: { de: 'Adresse', en: 'Address' },
  banReason: { de: 'Grund', en: 'Reason' },
  banSince: { de: 'Gesperrt seit', en: 'Banned since' },
  banUntil: { de: 'Gesperrt bis', en: 'Banned until' },
  banRepeat: { de: 'Sperre Nr.', en: 'Ban no.' },
  banEnforcedBy: { de: 'gesperrt ({by})', en: 'banned ({by})' },
  banPending: { de: 'noch nicht in Kraft', en: 'not in force yet' },
  banLift: { de: 'Freigeben', en: 'Lift' },
  banLiftConfirm: { de: '{address} wieder zulassen?', en: 'Let {address} in again?' },

  // Extensions
  extNumber: { de: 'Nummer', en: 'Number' },
  extNumberHint: { de: '2 bis 6 Ziffern, nicht mit 0 beginnend', en: '2 to 6 digits, not starting with 0' },
  extCallerIdColumn: { de: 'Anzeige', en: 'Caller ID' },
  extCallerId: { de: 'Anzeige (Caller-ID)', en: 'Caller ID' },
  extSecret: { de: 'SIP-Passwort', en: 'SIP secret' },
  extSecretHint: { de: 'Leer lassen: wird erzeugt bzw. bleibt', en: 'Leave empty: generated, or kept' },
  extCodecs: { de: 'Codecs', en: 'Codecs' },
  extCodecsHint: { de: 'Komma-getrennt: ulaw, alaw, opus, gsm', en: 'comma-separated: ulaw, alaw, opus, gsm' },
  extVoicemail: { de: 'Mailbox', en: 'Voicemail' },
  extVoicemailPin: { de: 'Mailbox-PIN', en: 'Voicemail PIN' },
  extVoicemailEmail: { de: 'Mailbox-E-Mail', en: 'Voicemail e-mail' },
  extWebrtc: { de: 'WebRTC (Browser-Telefon)', en: 'WebRTC (browser phone)' },
  extDirectMedia: { de: 'Direkte Medien (Telefon zu Telefon)', en: 'Direct media (phone to phone)' },
  extDirectMediaHint: {
    de: 'Nur im selben LAN ohne NAT; solche Gespräche laufen an Aufzeichnungen vorbei. Aus: Sprache läuft über Asterisk',
    en: 'Only on one LAN without NAT; such calls bypass recording. Off: audio goes through Asterisk',
  },
  extCheckNumber: {
    de: 'Eine Nebenstellennummer hat 2 bis 6 Ziffern und beginnt nicht mit 0',
    en: 'an extension number has 2 to 6 digits and does not start with 0',
  },
  extCheckSecretShort: { de: 'Unsicheres Passwort: mindestens 16 Zeichen', en: 'weak secret: must be at least 16 characters' },
  extCheckSecretNumber: {
    de: 'Unsicheres Passwort: darf die Nebenstellennummer nicht enthalten',
    en: 'weak secret: must not contain the extension number',
  },

  // Queues
  queueStrategy: { de: 'Strategie', en: 'Strategy' },
  queueMembersColumn: { de: 'Mitglieder', en: 'Members' },
  queueMembers: { de: 'Mitglieder (Nebenstellen)', en: 'Members (extensions)' },
  queueRingSeconds: { de: 'Klingeldauer (s)', en: 'Ring time (s)' },
  queueMaxWait: { de: 'Max. Wartezeit (s)', en: 'Max wait (s)' },
  queueAnnouncePosition: { de: 'Position ansagen', en: 'Announce position' },
  // Asterisk's ring strategies, with its name for each (admins look them up in its documentation).
  strategyRingall: { de: 'Alle gleichzeitig (ringall)', en: 'Ring all at once (ringall)' },
  strategyLeastrecent: { de: 'Am längsten nicht angerufen (leastrecent)', en: 'Least recently called (leastrecent)' },
  strategyFewestcalls: { de: 'Wenigste Gespräche (fewestcalls)', en: 'Fewest calls (fewestcalls)' },
  strategyRandom: { de: 'Zufällig (random)', en: 'At random (random)' },
  strategyRrmemory: { de: 'Reihum, mit Gedächtnis (rrmemory)', en: 'Round robin with memory (rrmemory)' },
  strategyLinear: { de: 'Der Reihe nach (linear)', en: 'In order (linear)' },
  strategyWrandom: { de: 'Zufällig, gewichtet (wrandom)', en: 'Weighted random (wrandom)' },

  // Conferences
  confRoom: { de: 'Raum', en: 'Room' },
  confRoomNumber: { de: 'Raumnummer', en: 'Room number' },
  confModeratorPin: { de: 'Moderator-PIN', en: 'Moderator PIN' },
  confMaxParticipants: { de: 'Max. Teilnehmer', en: 'Max participants' },
  confRecord: { de: 'Aufzeichnen', en: 'Record' },
  confCheckRoom: { de: 'Die Raumnummer hat 2 bis 8 Ziffern', en: 'the room number: 2 to 8 digits' },

  // Trunks
  trunkProvider: { de: 'Anbieter', en: 'Provider' },
  trunkPreset: { de: 'Anbieter-Vorlage', en: 'Provider preset' },
  trunkType: { de: 'Art', en: 'Type' },
  trunkServer: { de: 'Server', en: 'Server' },
  trunkServerHint: { de: 'Leer bei Anbieter-Vorlage', en: 'Empty with a preset' },
  trunkUserColumn: { de: 'Benutzer', en: 'User' },
  trunkUsername: { de: 'Benutzername', en: 'Username' },
  trunkPassword: { de: 'Passwort', en: 'Password' },
  trunkPasswordHint: { de: 'Beim Bearbeiten erneut eingeben', en: 'Enter again when editing' },
  trunkCallerId: { de: 'Rufnummer', en: 'Caller number' },
  trunkNoPreset: { de: 'keine (eigener Server)', en: 'none (own server)' },
  trunkTypeRegistration: { de: 'Registrierung (Benutzername und Passwort)', en: 'Registration (username and password)' },
  trunkTypeIp: { de: 'Feste IP-Adresse (ohne Registrierung)', en: 'Fixed IP address (no registration)' },
  trunkCheckServer: { de: 'Bitte ausfüllen, wenn keine Anbieter-Vorlage gewählt ist', en: 'required unless a preset is chosen' },
  trunkCheckUsername: { de: 'Eine Leitung mit Registrierung braucht einen Benutzernamen', en: 'a registration trunk needs a username' },
  trunkCheckPassword: { de: 'Eine Leitung mit Registrierung braucht ein Passwort', en: 'a registration trunk needs a password' },

  // Routes
  inboundRoutes: { de: 'Eingehende Routen', en: 'Inbound routes' },
  inboundDid: { de: 'Rufnummer (DID)', en: 'Number (DID)' },
  inboundDidOrPattern: { de: 'Rufnummer (DID) oder Muster', en: 'Number (DID) or pattern' },
  inboundDidHint: { de: '_X. fängt alles', en: '_X. catches everything' },
  inboundTargetType: { de: 'Ziel-Art', en: 'Target kind' },
  inboundTarget: { de: 'Ziel', en: 'Target' },
  inboundTargetFlow: { de: 'Ablauf', en: 'Flow' },
  inboundTargetExtension: { de: 'Nebenstelle', en: 'Extension' },
  outboundRoutes: { de: 'Ausgehende Routen', en: 'Outbound routes' },
  outboundPatterns: { de: 'Muster', en: 'Patterns' },
  outboundPatternsHint: { de: 'Komma-getrennt, z. B. _0X.', en: 'comma-separated, e.g. _0X.' },
  outboundTrunks: { de: 'Leitungen', en: 'Trunks' },
  outboundStrip: { de: 'Ziffern abschneiden', en: 'Strip digits' },
  outboundPrepend: { de: 'Voranstellen', en: 'Prepend' },
  outboundBlock: { de: 'Sperren', en: 'Block' },
  outboundBlocked: { de: '⛔ gesperrt', en: '⛔ blocked' },
  outboundCheckPatterns: { de: 'Mindestens ein Muster', en: 'at least one pattern' },

  // A URL without a page
  notFound: { de: 'Diese Seite gibt es nicht', en: 'No such page' },

  // Prompts
  promptLanguage: { de: 'Sprache der Ansage', en: 'Prompt language' },
  promptTtsText: { de: 'Text (Sprachausgabe)', en: 'Text (text to speech)' },
  promptGenerate: { de: 'Aus Text erzeugen', en: 'Generate from text' },
  promptWavFile: { de: 'WAV-Datei', en: 'WAV file' },
  promptUploadButton: { de: 'Hochladen', en: 'Upload' },
  promptSource: { de: 'Quelle', en: 'Source' },
  promptSourceTts: { de: 'Sprachausgabe', en: 'Text to speech' },
  promptSourceUpload: { de: 'Hochgeladen', en: 'Upload' },
  promptTextColumn: { de: 'Text', en: 'Text' },
  promptBytes: { de: 'Größe (Bytes)', en: 'Size (bytes)' },

  // Backups
  backupDownload: { de: 'Sicherung herunterladen', en: 'Download a backup' },
  backupDownloadHint: {
    de: 'Datenbank, Ansagen, Token und Zertifikate, Voicemail und die Asterisk-Datenbank in einer Datei (tar.gz), bei laufendem Betrieb.',
    en: 'Database, prompts, tokens and certificates, voicemail and the Asterisk database in one file (tar.gz), while the PBX keeps running.',
  },
  backupRecordings: { de: 'mit Gesprächsaufnahmen', en: 'with call recordings' },
  backupCreate: { de: 'Sicherung erstellen', en: 'Make a backup' },
  backupCreated: { de: 'Sicherung erstellt: {file}', en: 'Backup made: {file}' },
  backupRestore: { de: 'Sicherung einspielen', en: 'Restore a backup' },
  backupRestoreHint: {
    de: 'Die Datei wird geprüft (Herkunft, Version, Prüfsummen); eine beschädigte oder fremde ändert nichts. Eine gültige wird beim nächsten Start des Servers übernommen.',
    en: 'The file is checked (origin, version, checksums); a damaged or foreign one changes nothing. A valid one is put in place when the server starts next.',
  },
  backupFile: { de: 'Sicherungsdatei (.tar.gz)', en: 'Backup file (.tar.gz)' },
  backupUpload: { de: 'Hochladen und prüfen', en: 'Upload and check' },
  backupStaged: {
    de: 'Sicherung vom {date} geprüft ({files} Dateien). Bitte den Server neu starten, um sie zu übernehmen.',
    en: 'Backup of {date} checked ({files} files). Restart the server to put it in place.',
  },
  backupSchedule: { de: 'Geplante Sicherungen', en: 'Scheduled backups' },
  backupEnabled: { de: 'Eingeschaltet', en: 'Enabled' },
  backupFolder: { de: 'Ordner (absoluter Pfad, z. B. eine NAS-Freigabe)', en: 'Folder (absolute path, e.g. a NAS share)' },
  backupInterval: { de: 'Alle … Stunden', en: 'Every … hours' },
  backupKeep: { de: 'Wie viele behalten', en: 'How many to keep' },
  backupSave: { de: 'Speichern', en: 'Save' },
  backupSaved: { de: 'Gespeichert', en: 'Saved' },
} satisfies Record<string, I18nText>;
