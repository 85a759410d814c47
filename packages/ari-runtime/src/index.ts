export { startRuntime, type Runtime, type RuntimeOptions } from './runtime/start-runtime.js';
export { StasisApp, type StasisAppOptions } from './runtime/stasis-app.js';
export { MemoryVisitSink, type NodeVisit, type VisitSink } from './runtime/visit-sink.js';
export { DialplanVisitSource, type DialplanVisitSourceOptions } from './runtime/dialplan-visit-source.js';
export { fetchHttp, type HttpClient, type HttpOutcome, type HttpRequestEffect } from './runtime/http-client.js';
export { AriClientAdapter, type AriClientAdapterOptions, type AriCredentials } from './adapter/ari-client-adapter.js';
export { AppRegistration, type RegistrationState, type RegistrationStatus } from './adapter/app-registration.js';
export {
  AriRequestError,
  type AriAdapter,
  type AriChannel,
  type AriEvent,
  type AriEventType,
  type ConnectionState,
  type HangupReason,
  type OriginateRequest,
} from './adapter/types.js';
export { consoleLogger, MemoryLogger, type Logger } from './logger.js';
