import { BuildError } from '../../../errors/index.ts';
import { goTrimSpace } from '../../../util/go-strings.ts';
import { chompHeredocContent, parseHeredocWord } from '../parser/index.ts';
import { commandBase, errNoDestinationArgument, type ParseRequest } from './request.ts';
import type { AddCommand, CopyCommand, SourceContent } from './types.ts';

interface SourcesAndDest {
  sources: string[];
  contents: SourceContent[];
  dest: string;
}

function heredocWord(word: string): ReturnType<typeof parseHeredocWord> {
  try {
    return parseHeredocWord(word);
  } catch {
    return undefined; // BuildKit's MustParseHeredoc drops the error
  }
}

/** Splits COPY/ADD arguments into file sources, heredoc sources and the destination. */
function sourcesAndDest(req: ParseRequest, command: string): SourcesAndDest {
  const srcs = req.args.slice(0, -1);
  const dest = req.args[req.args.length - 1]!;
  if (heredocWord(dest)) {
    throw new BuildError(
      'ERR_TSBUILD_DOCKERFILE_HEREDOC',
      `${command} cannot accept a heredoc as a destination`,
    );
  }
  const heredocs = req.node.heredocs;
  if (heredocs.length === 0 && !srcs.some((s) => s.includes('<<'))) {
    return { sources: srcs, contents: [], dest }; // no heredoc source: the slice is the list
  }
  const sources: string[] = [];
  const contents: SourceContent[] = [];
  for (const src of srcs) {
    const doc = heredocWord(src);
    if (!doc) {
      sources.push(src);
      continue;
    }
    // the last heredoc of that name, as a Map of them by name would give
    let data = heredocs.findLast((h) => h.name === doc.name)?.content ?? '';
    if (doc.chomp) data = chompHeredocContent(data);
    contents.push({ path: doc.name, data, expand: doc.expand });
  }
  return { sources, contents, dest };
}

export function parseAdd(req: ParseRequest): AddCommand {
  if (req.args.length < 2) throw errNoDestinationArgument('ADD');
  const { flags } = req;
  if (req.features.excludePatterns) flags.addStrings('exclude');
  flags.addString('chown');
  flags.addString('chmod');
  flags.addBool('link');
  flags.addBool('keep-git-dir');
  flags.addString('checksum');
  flags.addBool('unpack');
  flags.parse();
  const files = sourcesAndDest(req, 'ADD');
  const cmd: AddCommand = {
    kind: 'add',
    ...commandBase(req),
    ...files,
    chown: flags.string('chown'),
    chmod: flags.string('chmod'),
    link: flags.bool('link'),
    checksum: flags.string('checksum'),
    excludes: flags.strings('exclude'),
  };
  if (flags.isUsed('keep-git-dir')) cmd.keepGitDir = flags.bool('keep-git-dir');
  if (flags.isUsed('unpack')) cmd.unpack = flags.bool('unpack');
  return cmd;
}

export function parseCopy(req: ParseRequest): CopyCommand {
  if (req.args.length < 2) throw errNoDestinationArgument('COPY');
  const { flags } = req;
  if (req.features.excludePatterns) flags.addStrings('exclude');
  if (req.features.parents) flags.addBool('parents');
  flags.addString('chown');
  flags.addString('from');
  flags.addString('chmod');
  flags.addBool('link');
  flags.parse();
  const files = sourcesAndDest(req, 'COPY');
  const { node } = req;
  // Written out rather than spread from commandBase: COPY is made thousands of times, and a
  // spread after `kind` copies member by member into a growing object.
  return {
    kind: 'copy',
    keywordAsWritten: node.keywordAsWritten,
    original: node.original,
    code: goTrimSpace(node.original),
    location: node.location,
    startLine: node.startLine,
    endLine: node.endLine,
    json: node.json,
    flagsUsed: flags.used(),
    sources: files.sources,
    contents: files.contents,
    dest: files.dest,
    from: flags.string('from'),
    chown: flags.string('chown'),
    chmod: flags.string('chmod'),
    link: flags.bool('link'),
    parents: flags.bool('parents'),
    excludes: flags.strings('exclude'),
  };
}
