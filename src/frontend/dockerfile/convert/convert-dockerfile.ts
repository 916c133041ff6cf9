import type { DockerfileError } from '../../../errors/index.ts';
import { BuildError } from '../../../errors/index.ts';
import { type ImageConfig, normalizePlatform, type Platform } from '../../../oci/index.ts';
import type { Linter } from '../linter/index.ts';
import { locate } from './errors.ts';
import { copyJsonValue } from './image-config.ts';
import { runConversion } from './run-conversion.ts';
import type { ConvertOptions, ConvertResult, DockerfileSource, LintWarning } from './types.ts';

/**
 * Converts a Dockerfile into a build graph and image config, as BuildKit's dockerfile2llb:
 * only the stages the target needs are resolved and dispatched.
 */
export async function convertDockerfile(src: DockerfileSource, opts: ConvertOptions): Promise<ConvertResult> {
  const { prepared, target, reachable, linter } = await runConversion(src, opts).catch((err: unknown) => {
    throw withFileLocation(err, src);
  });
  const config = finalConfig(target.image, opts.targetPlatform);
  const stages = prepared.instructions.stages.map((st, index) => {
    const d = prepared.ctx.states.states[index];
    return {
      ...(st.name !== undefined ? { name: st.name } : {}),
      index,
      used: d !== undefined && reachable.has(d),
    };
  });
  return {
    output: target.state.output,
    config,
    platform: platformOf(config),
    warnings: warningsOf(linter),
    stages,
  };
}

/**
 * `--call=check`: runs the build checks over every stage (as BuildKit's lint subrequest does
 * when no target is given) without building. Errors come back in `error`, with the findings
 * gathered before them.
 */
export async function lintDockerfile(
  src: DockerfileSource,
  opts: ConvertOptions,
): Promise<{ warnings: LintWarning[]; error?: DockerfileError }> {
  const holder: { linter?: Linter } = {};
  try {
    await runConversion(src, { ...opts, allStages: opts.allStages ?? !opts.target }, holder);
    return { warnings: warningsOf(holder.linter) };
  } catch (err: unknown) {
    return { warnings: warningsOf(holder.linter), error: withFileLocation(err, src) };
  }
}

function warningsOf(linter: Linter | undefined): LintWarning[] {
  return (linter?.findings ?? []).map((f) => ({ ...f }));
}

function withFileLocation(err: unknown, src: DockerfileSource): DockerfileError {
  if (err instanceof BuildError && err.name === 'DockerfileError') return err as DockerfileError;
  return locate(err, { file: src.file, ranges: [] }, []);
}

/** The target's config with the platform fields set to the target platform (BuildKit's rules). */
function finalConfig(image: ImageConfig, target: Platform): ImageConfig {
  const config = copyJsonValue(image);
  const t = normalizePlatform(target);
  const sameOsArch = t.os === config.os && t.architecture === config.architecture;
  config.os = t.os;
  config.architecture = t.architecture;
  if (t.variant || !sameOsArch) {
    if (t.variant) config.variant = t.variant;
    else delete config.variant;
  }
  delete config.created;
  return config;
}

function platformOf(config: ImageConfig): Platform {
  return normalizePlatform({
    os: config.os,
    architecture: config.architecture,
    ...(config.variant ? { variant: config.variant } : {}),
  });
}
