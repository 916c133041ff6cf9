import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuildError } from '../../../../src/errors/index.ts';
import {
  chompHeredocContent,
  heredocsFromLine,
  parseHeredocWord,
} from '../../../../src/frontend/dockerfile/parser/heredoc.ts';

test('heredoc markers BuildKit accepts all name EOF', () => {
  for (const src of [
    '<<EOF',
    "<<'EOF'",
    '<<"EOF"',
    '<<-EOF',
    "<<-'EOF'",
    '<<-"EOF"',
    '<<EO"F"',
    '<< EOF',
    '<<- EOF',
  ]) {
    assert.equal(parseHeredocWord(src)?.name, 'EOF', src);
  }
});

test('quoting any part of the delimiter disables expansion; <<- sets chomp', () => {
  assert.deepEqual(parseHeredocWord('<<EOF'), {
    name: 'EOF',
    content: '',
    expand: true,
    chomp: false,
    fileDescriptor: 0,
  });
  assert.equal(parseHeredocWord("<<'EOF'")?.expand, false);
  assert.equal(parseHeredocWord('<<E"O"F')?.expand, false);
  assert.equal(parseHeredocWord('<<-EOF')?.chomp, true);
  assert.equal(parseHeredocWord('12<<EOF')?.fileDescriptor, 12);
});

test('words that are not heredoc markers', () => {
  for (const src of ['', 'EOF', '<<', '<<-', '<EOF', '<<<EOF', '<<EOF sh']) {
    assert.equal(parseHeredocWord(src), undefined, JSON.stringify(src));
  }
});

test('unbalanced quotes in a marker are errors', () => {
  for (const src of ["<<'EOF", '<<"EOF', "<<EOF'", '<<EOF"']) {
    assert.throws(() => parseHeredocWord(src), BuildError, src);
  }
});

test('heredocsFromLine finds every marker; lexing errors mean none', () => {
  const names = (line: string) => heredocsFromLine(line).map((d) => d.name);
  assert.deepEqual(names('RUN <<EOF'), ['EOF']);
  assert.deepEqual(names('COPY <<A <<-B /dest'), ['A', 'B']);
  assert.deepEqual(names('RUN "<<EOF"'), []);
  assert.deepEqual(names('RUN cat <<EOF && echo "unterminated'), []);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text, not a template
  assert.deepEqual(names('RUN echo ${a:-x} <<EOF'), ['EOF']);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text, not a template
  assert.deepEqual(names('RUN echo ${} <<EOF'), []);
});

test('chompHeredocContent strips leading tabs of each line only', () => {
  assert.equal(chompHeredocContent('\thello\n\t\tworld\n  space\n'), 'hello\nworld\n  space\n');
  assert.equal(chompHeredocContent('a\r\tb'), 'a\r\tb');
});
