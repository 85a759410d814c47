import { z } from 'zod';
import { isReservedVariable, variableNameSchema } from '../ids.js';
import { bilingual } from '../messages.js';
import { defineNodeType } from './node-type.js';

/** The caller's number, usable in the URL and body of an HTTP request (`${CALLERID}`). */
export const CALLER_ID_REFERENCE = 'CALLERID';

const REFERENCE = /\$\{([A-Z][A-Z0-9_]{0,30})\}/g;

/** The names a URL or body template refers to with `${NAME}`, in order, without repeats. */
export function templateReferences(template: string): string[] {
  return [...new Set([...template.matchAll(REFERENCE)].map(([, name]) => name!))];
}

const refsAllowed = (template: string) =>
  templateReferences(template).every((name) => name === CALLER_ID_REFERENCE || !isReservedVariable(name));
const RESERVED_MESSAGE = bilingual({
  de: 'Ein Verweis auf einen reservierten Namen (SWF_*, EXTEN, DIALSTATUS, ...) bedeutet im Dialplan etwas anderes; ${CALLERID} ist die Nummer des Anrufers',
  en: "a reference to a reserved name (SWF_*, EXTEN, DIALSTATUS, ...) means something else in the dialplan; ${CALLERID} is the caller's number",
});

/**
 * The URL: http or https, a fixed host, and `${NAME}` references in the path and query (inserted
 * URL-encoded). Characters that Asterisk would read as syntax (`, ; ( ) " \ [ ] { } |`, spaces) are
 * refused: write them percent-encoded.
 */
export const httpUrlSchema = z
  .string()
  .max(500)
  .regex(
    /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/([A-Za-z0-9\-._~!&*+=:@/?%]|\$\{[A-Z][A-Z0-9_]{0,30}\})*)?$/,
    bilingual({
      de: 'Verwenden Sie http:// oder https://, einen Hostnamen und einen Pfad ohne Leerzeichen und ohne , ; ( ) " \\ [ ] { } | (schreiben Sie diese Zeichen prozentkodiert); Werte setzen Sie als ${NAME} ein',
      en: 'use http:// or https://, a host name, and a path without spaces or , ; ( ) " \\ [ ] { } | (percent-encode them); values go in as ${NAME}',
    }),
  )
  .refine(refsAllowed, RESERVED_MESSAGE);

/**
 * The request body: one line of JSON with `${NAME}` references inside its strings, where each value
 * goes in JSON-escaped (`fillTemplate` in @stumpfworks/engine). Sent with `Content-Type: application/json`.
 */
export const httpBodySchema = z
  .string()
  .max(1000)
  .regex(
    /^([^$\\;\u0000-\u001f\u007f]|\$\{[A-Z][A-Z0-9_]{0,30}\})*$/,
    bilingual({ de: 'Eine Zeile JSON; kein \\ oder ; und $ nur in ${NAME}-Verweisen', en: 'one line of JSON; no \\ or ; and $ only in ${NAME} references' }),
  )
  .refine(refsAllowed, RESERVED_MESSAGE)
  .refine(
    (body) => bodyShape(body).referenceOutsideString === false,
    bilingual({
      de: 'Jeder ${NAME}-Verweis muss in einer JSON-Zeichenkette stehen, zwischen Anführungszeichen (z. B. {"caller":"${CALLERID}"}): so bleibt jeder Wert ein Text, was auch immer der Anrufer sendet',
      en: 'each ${NAME} reference must sit inside a JSON string, between quotes (e.g. {"caller":"${CALLERID}"}): so every value stays text, whatever the caller sends',
    }),
  )
  .refine(
    (body) => body === '' || isJson(bodyShape(body).plain),
    bilingual({
      de: 'Der Inhalt muss JSON sein (z. B. {"caller":"${CALLERID}","line":"hotline"})',
      en: 'the body must be JSON (e.g. {"caller":"${CALLERID}","line":"hotline"})',
    }),
  )
  .refine(
    (body) => pairsUp(body, '{', '}') && pairsUp(body, '(', ')'),
    bilingual({
      de: 'Geschweifte Klammern { } und runde Klammern ( ) müssen paarweise stehen, die öffnende vor der schließenden, auch in Zeichenketten (Asterisk zählt sie)',
      en: 'braces { } and parentheses ( ) must pair up, each opening one before its closing one, inside strings too (Asterisk counts them)',
    }),
  );

/**
 * The body with each reference read as a value: `x` inside a JSON string, `0` outside one (so a
 * reference in the wrong place is reported once, by its own message). No `\` is allowed in a
 * body, so every `"` opens or closes a string.
 */
function bodyShape(body: string): { plain: string; referenceOutsideString: boolean } {
  let inString = false;
  let referenceOutsideString = false;
  let plain = '';
  for (let i = 0; i < body.length; ) {
    const reference = /^\$\{[A-Z][A-Z0-9_]{0,30}\}/.exec(body.slice(i));
    if (reference) {
      if (!inString) referenceOutsideString = true;
      plain += inString ? 'x' : '0';
      i += reference[0].length;
      continue;
    }
    if (body[i] === '"') inString = !inString;
    plain += body[i];
    i++;
  }
  return { plain, referenceOutsideString };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** True when every `close` follows an `open` it closes, and none is left open. */
function pairsUp(text: string, open: string, close: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === open) depth++;
    else if (c === close && --depth < 0) return false;
  }
  return depth === 0;
}

/** A field of the JSON response: object keys (and array indexes) separated by dots, e.g. `customer.tier`. */
export const jsonPathSchema = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, bilingual({ de: 'Schlüssel durch Punkte getrennt, z. B. customer.tier', en: 'keys separated by dots, e.g. customer.tier' }));

export const responseMappingSchema = z
  .array(z.object({ variable: variableNameSchema, path: jsonPathSchema }))
  .max(10)
  .refine(
    (list) => new Set(list.map((m) => m.variable)).size === list.length,
    bilingual({ de: 'Jede Variable darf nur von einem Feld gesetzt werden', en: 'each variable may be set by one field only' }),
  );

export const HTTP_METHODS = ['GET', 'POST'] as const;

/**
 * The longest response body (UTF-8 bytes) whose fields are read. The dialplan sees only about the
 * first 4,000 bytes of an answer, headers included (tests/asterisk/http-request.test.ts), so every
 * engine reads the fields of a longer body as empty. The node's output does not depend on it.
 */
export const HTTP_BODY_LIMIT = 3000;

/**
 * The longest request (UTF-8 bytes of the filled URL, plus a comma and the filled body for POST)
 * that is sent. Asterisk cuts a CURL() call's arguments, and every value it copies, at about
 * 4,090 bytes (measured in tests/asterisk/http-request.test.ts), which would send half a body; so a
 * longer request is not sent in any engine and the node takes `failure`.
 */
export const HTTP_REQUEST_LIMIT = 4000;

export const httpRequestNode = defineNodeType({
  type: 'HttpRequest',
  version: 1,
  category: 'logic',
  label: { de: 'HTTP-Anfrage', en: 'HTTP request' },
  description: {
    de: 'Fragt einen Webdienst (Webhook) und übernimmt Felder der JSON-Antwort in Variablen.',
    en: 'Calls a web service (webhook) and copies fields of its JSON answer into variables.',
  },
  params: z
    .object({
      /** GET, or POST with a JSON body. Asterisk's CURL() knows no other methods. */
      method: z.enum(HTTP_METHODS).default('GET'),
      url: httpUrlSchema,
      body: httpBodySchema.default(''),
      /** The whole request, connecting included; longer counts as `timeout`. */
      timeoutSeconds: z.number().int().min(1).max(30).default(5),
      /** On success, each variable gets the field at its path in the JSON answer (missing = empty). */
      responseMapping: responseMappingSchema.default([]),
    })
    .refine((p) => (p.method === 'GET') === (p.body === ''), {
      ...bilingual({ de: 'Eine POST-Anfrage braucht einen Inhalt; eine GET-Anfrage hat keinen', en: 'a POST request needs a body; a GET request has none' }),
      path: ['body'],
    }),
  seed: { url: 'https://crm.example.com/api/customers?phone=${CALLERID}' },
  paramLabels: {
    method: { de: 'Methode', en: 'Method' },
    url: { de: 'URL', en: 'URL' },
    body: { de: 'Inhalt (JSON)', en: 'Body (JSON)' },
    timeoutSeconds: { de: 'Zeitlimit (Sekunden)', en: 'Timeout (seconds)' },
    responseMapping: { de: 'Antwortfelder → Variablen', en: 'Response fields → variables' },
  },
  valueLabels: {
    method: {
      GET: { de: 'GET (Daten abfragen)', en: 'GET (fetch data)' },
      POST: { de: 'POST (Daten mit JSON-Inhalt senden)', en: 'POST (send data as a JSON body)' },
    },
  },
  outputs: () => [
    { name: 'success', label: { de: 'Erfolg', en: 'Success' }, required: true },
    { name: 'failure', label: { de: 'Fehler', en: 'Failure' }, required: true },
    { name: 'timeout', label: { de: 'Zeitüberschreitung', en: 'Timeout' }, required: false, whenUnconnected: { output: 'failure' } },
  ],
  readsCallerInput: () => false,
  variables: (params) => ({
    sets: params.responseMapping.map((m) => m.variable),
    reads: templateReferences(`${params.url} ${params.body}`)
      .filter((name) => name !== CALLER_ID_REFERENCE)
      .map((name) => ({ name })),
  }),
});
