import { BuildError } from '../../../errors/index.ts';
import { goQuote, goTrimSpace } from '../../../util/go-strings.ts';
import { commandBase, handleJsonArgs, type ParseRequest } from './request.ts';
import { parseRunDevice } from './run-device.ts';
import { checkRunMountSyntax } from './run-mount.ts';
import type { CmdCommand, EntrypointCommand, RunCommand, ShellInlineFile } from './types.ts';

const networks = ['default', 'none', 'host'] as const;
const securities = ['sandbox', 'insecure'] as const;

function shellDependent(req: ParseRequest) {
  const files: ShellInlineFile[] = req.node.heredocs.map((d) => ({
    name: d.name,
    data: d.content,
    chomp: d.chomp,
  }));
  return { cmdLine: handleJsonArgs(req.args, req.node.json), files, prependShell: !req.node.json };
}

/** RUN: flags in BuildKit's hook order (device, mount, network, security), then the command line. */
export function parseRun(req: ParseRequest): RunCommand {
  const { flags } = req;
  flags.addStrings('device');
  flags.addStrings('mount');
  flags.addString('network', 'default');
  if (req.features.runSecurity) flags.addString('security', 'sandbox');
  flags.parse();
  const { node } = req;
  const shell = shellDependent(req);
  // Written out rather than spread from commandBase: RUN is made thousands of times, and a
  // spread after `kind` copies member by member into a growing object.
  const cmd: RunCommand = {
    kind: 'run',
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: flags.used(),
    cmdLine: shell.cmdLine,
    files: shell.files,
    prependShell: shell.prependShell,
    mounts: flags.strings('mount'),
    network: 'default',
    devices: flags.strings('device').map(parseRunDevice),
  };
  for (const spec of cmd.mounts) checkRunMountSyntax(spec);
  const network = flags.string('network');
  if (!(networks as readonly string[]).includes(network)) {
    throw new BuildError('ERR_TSBUILD_DOCKERFILE_FLAG', `invalid network mode ${goQuote(network)}`);
  }
  cmd.network = network as RunCommand['network'];
  if (req.features.runSecurity) {
    const security = flags.string('security');
    if (!(securities as readonly string[]).includes(security)) {
      throw new BuildError('ERR_TSBUILD_DOCKERFILE_FLAG', `security ${goQuote(security)} is not valid`);
    }
    cmd.security = security as RunCommand['security'];
  }
  return cmd;
}

export function parseCmd(req: ParseRequest): CmdCommand {
  req.flags.parse();
  return { kind: 'cmd', ...commandBase(req), ...shellDependent(req) };
}

export function parseEntrypoint(req: ParseRequest): EntrypointCommand {
  req.flags.parse();
  const parts = shellDependent(req);
  return {
    kind: 'entrypoint',
    ...commandBase(req),
    ...parts,
    cmdLine: parts.cmdLine.length === 0 ? null : parts.cmdLine,
  };
}
