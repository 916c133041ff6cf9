/**
 * BuildKit's build-check rules (frontend/dockerfile/linter/ruleset.go, v0.24) as data: the name,
 * the description, the documentation URL and the message format. Checks live where the facts
 * are known (parse-checks.ts for the instruction list, convert for everything that needs
 * expansion or base images), and report through a Linter.
 */
export interface LintRule<A extends unknown[] = string[]> {
  name: string;
  description: string;
  url: string;
  /** Experimental rules run only when `# check=experimental=` names them. */
  experimental?: boolean;
  format(...args: A): string;
}

const docs = (slug: string) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`;

export const StageNameCasing: LintRule<[string]> = {
  name: 'StageNameCasing',
  description: 'Stage names should be lowercase',
  url: docs('stage-name-casing'),
  format: (stage) => `Stage name '${stage}' should be lowercase`,
};

export const FromAsCasing: LintRule<[string, string]> = {
  name: 'FromAsCasing',
  description: "The 'as' keyword should match the case of the 'from' keyword",
  url: docs('from-as-casing'),
  format: (from, as) => `'${as}' and '${from}' keywords' casing do not match`,
};

export const NoEmptyContinuation: LintRule<[]> = {
  name: 'NoEmptyContinuation',
  description: 'Empty continuation lines will become errors in a future release',
  url: docs('no-empty-continuation'),
  format: () => 'Empty continuation line',
};

export const ConsistentInstructionCasing: LintRule<[string, string]> = {
  name: 'ConsistentInstructionCasing',
  description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  url: docs('consistent-instruction-casing'),
  format: (command, casing) =>
    `Command '${command}' should match the case of the command majority (${casing})`,
};

export const DuplicateStageName: LintRule<[string]> = {
  name: 'DuplicateStageName',
  description: 'Stage names should be unique',
  url: docs('duplicate-stage-name'),
  format: (stage) => `Duplicate stage name ${JSON.stringify(stage)}, stage names should be unique`,
};

export const ReservedStageName: LintRule<[string]> = {
  name: 'ReservedStageName',
  description: 'Reserved words should not be used as stage names',
  url: docs('reserved-stage-name'),
  format: (stage) => `Stage name should not use the same name as reserved stage ${JSON.stringify(stage)}`,
};

export const JSONArgsRecommended: LintRule<[string]> = {
  name: 'JSONArgsRecommended',
  description:
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
  url: docs('json-args-recommended'),
  format: (instruction) =>
    `JSON arguments recommended for ${instruction} to prevent unintended behavior related to OS signals`,
};

export const MaintainerDeprecated: LintRule<[]> = {
  name: 'MaintainerDeprecated',
  description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
  url: docs('maintainer-deprecated'),
  format: () => 'Maintainer instruction is deprecated in favor of using label',
};

export const UndefinedArgInFrom: LintRule<[string, string]> = {
  name: 'UndefinedArgInFrom',
  description: 'FROM command must use declared ARGs',
  url: docs('undefined-arg-in-from'),
  format: (arg, suggestion) =>
    `FROM argument '${arg}' is not declared` + (suggestion ? ` (did you mean ${suggestion}?)` : ''),
};

export const WorkdirRelativePath: LintRule<[string]> = {
  name: 'WorkdirRelativePath',
  description:
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
  url: docs('workdir-relative-path'),
  format: (workdir) =>
    `Relative workdir ${JSON.stringify(workdir)} can have unexpected results if the base image changes`,
};

export const UndefinedVar: LintRule<[string, string]> = {
  name: 'UndefinedVar',
  description: 'Variables should be defined before their use',
  url: docs('undefined-var'),
  format: (name, suggestion) =>
    `Usage of undefined variable '$${name}'` + (suggestion ? ` (did you mean $${suggestion}?)` : ''),
};

export const MultipleInstructionsDisallowed: LintRule<[string]> = {
  name: 'MultipleInstructionsDisallowed',
  description: 'Multiple instructions of the same type should not be used in the same stage',
  url: docs('multiple-instructions-disallowed'),
  format: (instruction) =>
    `Multiple ${instruction} instructions should not be used in the same stage because only the last one will be used`,
};

export const LegacyKeyValueFormat: LintRule<[string]> = {
  name: 'LegacyKeyValueFormat',
  description: 'Legacy key/value format with whitespace separator should not be used',
  url: docs('legacy-key-value-format'),
  format: (cmd) => `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`,
};

export const InvalidBaseImagePlatform: LintRule<[string, string, string]> = {
  name: 'InvalidBaseImagePlatform',
  description: 'Base image platform does not match expected target platform',
  url: docs('invalid-base-image-platform'),
  format: (image, expected, actual) =>
    `Base image ${image} was pulled with platform ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)} for current build`,
};

export const RedundantTargetPlatform: LintRule<[string]> = {
  name: 'RedundantTargetPlatform',
  description:
    'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
  url: docs('redundant-target-platform'),
  format: (value) =>
    `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`,
};

export const SecretsUsedInArgOrEnv: LintRule<[string, string]> = {
  name: 'SecretsUsedInArgOrEnv',
  description: 'Sensitive data should not be used in the ARG or ENV commands',
  url: docs('secrets-used-in-arg-or-env'),
  format: (instruction, key) =>
    `Do not use ARG or ENV instructions for sensitive data (${instruction} ${JSON.stringify(key)})`,
};

export const InvalidDefaultArgInFrom: LintRule<[string]> = {
  name: 'InvalidDefaultArgInFrom',
  description: 'Default value for global ARG results in an empty or invalid base image name',
  url: docs('invalid-default-arg-in-from'),
  format: (base) => `Default value for ARG ${base} results in empty or invalid base image name`,
};

export const FromPlatformFlagConstDisallowed: LintRule<[string]> = {
  name: 'FromPlatformFlagConstDisallowed',
  description: 'FROM --platform flag should not use a constant value',
  url: docs('from-platform-flag-const-disallowed'),
  format: (platform) => `FROM --platform flag should not use constant value ${JSON.stringify(platform)}`,
};

export const CopyIgnoredFile: LintRule<[string, string]> = {
  name: 'CopyIgnoredFile',
  description: 'Attempting to Copy file that is excluded by .dockerignore',
  url: docs('copy-ignored-file'),
  experimental: true,
  format: (cmd, file) =>
    `Attempting to ${cmd} file ${JSON.stringify(file)} that is excluded by .dockerignore`,
};

export const InvalidDefinitionDescription: LintRule<[string, string]> = {
  name: 'InvalidDefinitionDescription',
  description:
    'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
  url: docs('invalid-definition-description'),
  experimental: true,
  format: (instruction, name) =>
    `Comment for ${instruction} should follow the format: \`# ${name} <description>\``,
};

export const ExposeProtoCasing: LintRule<[string]> = {
  name: 'ExposeProtoCasing',
  description: 'Protocol in EXPOSE instruction should be lowercase',
  url: docs('expose-proto-casing'),
  format: (port) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`,
};

export const ExposeInvalidFormat: LintRule<[string]> = {
  name: 'ExposeInvalidFormat',
  description:
    'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
  url: docs('expose-invalid-format'),
  format: (port) =>
    `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`,
};

/** Every rule, in BuildKit's order. */
export const allRules: readonly LintRule<never[]>[] = [
  StageNameCasing,
  FromAsCasing,
  NoEmptyContinuation,
  ConsistentInstructionCasing,
  DuplicateStageName,
  ReservedStageName,
  JSONArgsRecommended,
  MaintainerDeprecated,
  UndefinedArgInFrom,
  WorkdirRelativePath,
  UndefinedVar,
  MultipleInstructionsDisallowed,
  LegacyKeyValueFormat,
  InvalidBaseImagePlatform,
  RedundantTargetPlatform,
  SecretsUsedInArgOrEnv,
  InvalidDefaultArgInFrom,
  FromPlatformFlagConstDisallowed,
  CopyIgnoredFile,
  InvalidDefinitionDescription,
  ExposeProtoCasing,
  ExposeInvalidFormat,
] as unknown as LintRule<never[]>[];
