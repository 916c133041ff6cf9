/** Options for a golden case from its args.json. */
import type { ConvertOptions, NamedContext } from '../../../../src/frontend/dockerfile/index.ts';
import { parsePlatform } from '../../../../src/oci/index.ts';
import { imageTable } from './image-table.ts';

export interface CaseArgs {
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  namedContexts?: Record<string, NamedContext>;
  labs?: boolean;
  excludePatterns?: string[];
  labels?: Record<string, string>;
  noCacheFilter?: string[];
  network?: 'default' | 'none' | 'host';
}

export function optionsFor(args: CaseArgs): ConvertOptions {
  const platform = parsePlatform(args.platform ?? 'linux/amd64');
  return {
    buildArgs: Object.entries(args.buildArgs ?? {}).map(([key, value]) => ({ key, value })),
    ...(args.target ? { target: args.target } : {}),
    targetPlatform: platform,
    buildPlatform: parsePlatform('linux/amd64'),
    namedContexts: args.namedContexts ?? {},
    resolveImageConfig: imageTable.resolve,
    resolveOciLayoutConfig: imageTable.resolveOciLayout,
    excludePatterns: args.excludePatterns ?? [],
    ...(args.labs ? { labs: true } : {}),
    ...(args.labels ? { labels: args.labels } : {}),
    ...(args.noCacheFilter ? { noCacheFilter: args.noCacheFilter } : {}),
    ...(args.network ? { network: args.network } : {}),
  };
}
