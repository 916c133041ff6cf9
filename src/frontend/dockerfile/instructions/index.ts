export { BFlags, flagErrorCode } from './bflags.ts';
export { type DockerfileFeatures, labsFeatures, mainlineFeatures } from './features.ts';
export { parseGoDuration, parseRamInBytes } from './go-units.ts';
export {
  instructionNames,
  type ParseInstructionsOptions,
  parseInstruction,
  parseInstructions,
} from './parse-instructions.ts';
export { parseRunDevice } from './run-device.ts';
export {
  checkRunMountSyntax,
  type MountSharing,
  type MountType,
  mountErrorCode,
  parseRunMount,
  type RunMount,
} from './run-mount.ts';
export type * from './types.ts';
