export { startSlackStandIn } from './server.js';
export { checkMessageBlocks, checkView, type BlocksVerdict } from './block-kit-rules.js';
export {
  STAND_IN_IDENTITY,
  type InjectedFailure,
  type RecordedCall,
  type RecordedResponse,
  type ResponseUrlSource,
  type SlackStandIn,
  type StandInEphemeral,
  type StandInFile,
  type StandInMessage,
  type StandInOptions,
  type StandInView,
} from './types.js';
