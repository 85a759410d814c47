export { ariFlowContext } from './flow-context.js';
export {
  DEFAULT_ARI_APP,
  FALLBACK_CONTEXT,
  HANDOFF_CONTEXTS,
  HANDOFF_VARS,
  handoffContexts,
  RESUME_ARG,
  type HandoffKind,
} from './handoff.js';
