/**
 * Dockerfile features that BuildKit v0.24 only enables in its `-labs` frontend build (Go build
 * tags dfexcludepatterns, dfparents, dfrunsecurity). With a feature off, its flag is unknown
 * (`unknown flag: --exclude`), exactly as in the mainline `dockerfile:1` frontend.
 */
export interface DockerfileFeatures {
  /** `COPY/ADD --exclude`. */
  excludePatterns: boolean;
  /** `COPY --parents`. */
  parents: boolean;
  /** `RUN --security`. */
  runSecurity: boolean;
}

/** BuildKit v0.24 mainline `dockerfile:1` (the built-in frontend). */
export const mainlineFeatures: Readonly<DockerfileFeatures> = Object.freeze({
  excludePatterns: false,
  parents: false,
  runSecurity: false,
});

/** `dockerfile:1-labs`. */
export const labsFeatures: Readonly<DockerfileFeatures> = Object.freeze({
  excludePatterns: true,
  parents: true,
  runSecurity: true,
});
