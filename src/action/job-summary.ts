/**
 * The job summary ($GITHUB_STEP_SUMMARY) as markdown: image and digest, totals, a mermaid graph
 * of the stages with their times, per-stage and slowest-step tables, layer sizes and build-check
 * findings. Pure: returns text; the caller appends it and scrubs secrets first.
 */
import { type BuildReport, cell, formatBytes, formatMs, formatRatio } from './build-report.ts';

export function renderJobSummary(r: BuildReport): string {
  const out: string[] = [`## tsbuild${r.target ? ` · target \`${cell(r.target)}\`` : ''}`, ''];
  out.push('| | |', '|---|---|');
  if (r.imageNames.length > 0)
    out.push(`| Image | ${r.imageNames.map((n) => `\`${cell(n)}\``).join('<br>')} |`);
  if (r.digest) out.push(`| Digest | \`${r.digest}\` |`);
  out.push(`| Platforms | ${r.platforms.map(cell).join(', ')} |`);
  out.push(`| Build time | ${formatMs(r.totalMs)} |`);
  out.push(`| Cache hits | ${formatRatio(r.cacheHitRatio)} (${r.steps.cached} of ${r.steps.total} steps) |`);
  if (r.imageSize !== undefined) out.push(`| Image size | ${formatBytes(r.imageSize)} |`);
  out.push('');
  if (r.stages.length > 0) out.push(...stageGraph(r), ...stageTable(r));
  if (r.slowestSteps.length > 0) {
    out.push('### Slowest steps', '', '| Step | Stage | Time |', '|---|---|---:|');
    for (const s of r.slowestSteps)
      out.push(`| \`${cell(s.name)}\` | ${cell(s.stage ?? '')} | ${formatMs(s.durationMs)} |`);
    out.push('');
  }
  for (const img of r.images) {
    out.push(`### Layers${img.platform ? ` (${img.platform})` : ''}`, '');
    out.push('| # | Size | Created by | Digest |', '|---:|---:|---|---|');
    img.layers.forEach((l, i) => {
      const by = l.createdBy ? `\`${cell(l.createdBy.slice(0, 120))}\`` : '';
      out.push(`| ${i + 1} | ${formatBytes(l.size)} | ${by} | \`${l.digest.slice(0, 19)}…\` |`);
    });
    out.push(`| | **${formatBytes(img.size)}** | total with config | |`, '');
  }
  if (r.warnings.length > 0) {
    out.push(`### Build checks (${r.warnings.length})`, '', '| Rule | Message | Where |', '|---|---|---|');
    for (const w of r.warnings) {
      const rule = w.url ? `[${cell(w.rule)}](${w.url})` : cell(w.rule);
      const where = w.file ? `${cell(w.file)}${w.line !== undefined ? `:${w.line}` : ''}` : '';
      out.push(`| ${rule} | ${cell(w.message)} | ${where} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** A mermaid flowchart: one node per stage with its time, arrows from the stages it waits for. */
function stageGraph(r: BuildReport): string[] {
  const id = new Map(r.stages.map((s, i) => [s.name, `s${i}`]));
  const lines = ['```mermaid', 'flowchart LR'];
  for (const s of r.stages) {
    const time = s.cachedSteps === s.steps ? 'cached' : formatMs(s.durationMs);
    lines.push(`  ${id.get(s.name)}["${mermaidText(s.name)}<br/>${time}"]`);
  }
  for (const s of r.stages) {
    for (const d of s.dependsOn) if (id.has(d)) lines.push(`  ${id.get(d)} --> ${id.get(s.name)}`);
  }
  const cached = r.stages.filter((s) => s.cachedSteps === s.steps).map((s) => id.get(s.name));
  if (cached.length > 0) {
    lines.push('  classDef cached fill:#e6f4ea,stroke:#34a853');
    lines.push(`  class ${cached.join(',')} cached`);
  }
  lines.push('```', '');
  return lines;
}

function stageTable(r: BuildReport): string[] {
  const lines = ['### Stages', '', '| Stage | Time | Steps | Cached |', '|---|---:|---:|---:|'];
  for (const s of r.stages)
    lines.push(`| ${cell(s.name)} | ${formatMs(s.durationMs)} | ${s.steps} | ${s.cachedSteps} |`);
  lines.push('');
  return lines;
}

function mermaidText(text: string): string {
  return text.replace(/["<>]/g, (c) => `#${c.charCodeAt(0)};`);
}
