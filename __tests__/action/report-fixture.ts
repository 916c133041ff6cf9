/** The BuildReport and timeline of the fake build (fixtures/fake-build.ts), for rendering tests. */
import { type BuildReport, buildReport } from '../../src/action/build-report.ts';
import { BuildTimeline } from '../../src/action/build-timeline.ts';
import type { BuildRequest } from '../../src/control/build-request.ts';
import { events, result } from '../fixtures/fake-build.ts';

export function fakeReport(): { report: BuildReport; timeline: BuildTimeline } {
  const timeline = new BuildTimeline();
  for (const e of events(1_700_000_000_000)) timeline.apply(e);
  const request = { platforms: [], target: '', call: { name: 'build' } } as unknown as BuildRequest;
  return { report: buildReport(request, result(['registry.local/hello:1']), timeline), timeline };
}
