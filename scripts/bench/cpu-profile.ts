// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package or file,
// so a benchmark can say where a process spends its CPU.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package (node_modules), a file of ours (dist/...), or V8's own buckets ("(idle)", "(garbage collector)"). */
function placeOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName || '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + '/dist/'.length);
  return url.startsWith('node:') ? 'node internals' : url;
}

/** Lines "share%  place" of self time, largest first (idle excluded from the shares). */
export function summariseProfile(profile: CpuProfile, top: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const place = placeOf(byId.get(id)!.callFrame);
    const dt = profile.timeDeltas[i] ?? 0;
    if (place === '(idle)') {
      idle += dt;
      return;
    }
    busy += dt;
    self.set(place, (self.get(place) ?? 0) + dt);
  });
  const lines = [`busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s`];
  for (const [place, dt] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${((100 * dt) / Math.max(1, busy)).toFixed(1).padStart(5)}%  ${place}`);
  return lines;
}
