export * from './catalogue.js';
export * from './diagnostics.js';
export * from './flow.schema.js';
export * from './graph.js';
export * from './ids.js';
export * from './parse.js';
export * from './prompt.js';
export * from './references.js';
export * from './variables.js';
export * from './validate/index.js';
export { MAX_CALL_DEPTH } from './nodes/call-flow.node.js';
export { collectPatternEntries } from './nodes/collect-digits.node.js';
export { DIRECT_DIAL_DIGIT_TIMEOUT, MENU_DIGITS, menuEntries, type MenuDigit, type MenuEntries } from './nodes/menu.node.js';
export { PIN_MAX_DIGITS, PIN_PROMPT, PIN_TIMEOUT_SECONDS } from './nodes/conference.node.js';
export { CALLER_NUMBER_MAX_BYTES, utf8Length } from './nodes/condition.node.js';
export { CALLER_ID_REFERENCE, HTTP_BODY_LIMIT, HTTP_METHODS, HTTP_REQUEST_LIMIT, templateReferences } from './nodes/http-request.node.js';
export { GERMAN_STATES, GERMAN_STATE_NAMES, TIME_CONDITION_PRECEDENCE, type GermanState, type TimeLayer } from './nodes/time-condition.node.js';
export type {
  AnyValueLabels,
  I18nText,
  NodeCategory,
  NodeTypeDescription,
  OutputDescription,
  ResourceKind,
  ValueLabels,
  VariableRead,
  VariableUse,
} from './nodes/node-type.js';
export { flowJsonSchemaText } from './json-schema.js';
export { callingFlow, edgeList, testFlow, tts } from './test-flows.js';
export * from './calendar/index.js';
export * from './regex/index.js';
