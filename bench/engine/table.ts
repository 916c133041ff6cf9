/** The bench's result table: medians per tool and tsbuild/peer ratios, as Markdown. */
import { median } from './host.ts';
import type { Tool } from './tools.ts';

/** row key → tool name → wall times (ms). */
export type Results = Map<string, Map<string, number[]>>;

export interface Row {
  key: string;
  workload: string;
  scenario: string;
}

const peers = ['docker', 'buildah'];

function ms(value: number | undefined): string {
  if (value === undefined) return '–';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function formatTable(rows: readonly Row[], tools: readonly Tool[], results: Results): string {
  const ratioPeers = tools.filter((t) => peers.includes(t.name));
  const header = [
    'workload',
    'row',
    ...tools.map((t) => t.label),
    ...ratioPeers.map((t) => `tsbuild / ${t.name === 'docker' ? 'BuildKit' : t.name}`),
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`,
  ];
  for (const row of rows) {
    const samples = results.get(row.key)!;
    const med = (name: string) => {
      const s = samples.get(name);
      return s && s.length > 0 ? median(s) : undefined;
    };
    const own = med('tsbuild');
    const ratios = ratioPeers.map((p) => {
      const peer = med(p.name);
      return own === undefined || peer === undefined ? '–' : `${(own / peer).toFixed(2)}×`;
    });
    lines.push(
      `| ${[row.workload, row.scenario, ...tools.map((t) => ms(med(t.name))), ...ratios].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
