import type { Output } from '../../../llb/index.ts';
import type { Platform } from '../../../oci/index.ts';
import type { PatternMatcher } from '../../../util/patterns/index.ts';
import type { Linter } from '../linter/index.ts';
import type { OrderedEnv, ShellLex } from '../shell/index.ts';
import type { DispatchStates } from './dispatch-state.ts';
import type { ConvertOptions } from './types.ts';

/** Everything the dispatch functions share for one conversion (BuildKit's dispatchOpt). */
export interface ConvertContext {
  file: string;
  lines: readonly string[];
  opts: ConvertOptions;
  shlex: ShellLex;
  /** Global ARGs (meta args + platform args), for FROM and for ARGs redeclared without value. */
  globalArgs: OrderedEnv;
  /** `--build-arg` values by name (last one wins). */
  buildArgValues: ReadonlyMap<string, string>;
  /** HTTP_PROXY & co. from build args, added to every RUN's environment. */
  proxyEnv: string[];
  lint: Linter;
  states: DispatchStates;
  targetPlatform: Platform;
  buildPlatform: Platform;
  /** The main build context (`local` source named `context`), one vertex shared by all. */
  contextSource(): Output;
  epoch: number | undefined;
  /** .dockerignore matcher for CopyIgnoredFile, when that check is enabled. */
  ignoreMatcher: PatternMatcher | undefined;
}

/** Build args BuildKit never puts into the environment. */
export const nonEnvArgs: ReadonlySet<string> = new Set([
  'BUILDKIT_SBOM_SCAN_CONTEXT',
  'BUILDKIT_SBOM_SCAN_STAGE',
]);
