import type { SourceLocation } from '../../../errors/index.ts';

/** An ARG as --call=outline reports it. */
export interface ArgInfo {
  key: string;
  value: string | undefined;
  description: string;
  location: SourceLocation;
  /** Other ARGs its default refers to (they count as used when this one is). */
  deps: Set<string>;
}

export interface SecretInfo {
  required: boolean;
  location: SourceLocation;
}

/** What a stage declares and uses, for --call=outline (BuildKit's outlineCapture). */
export class OutlineCapture {
  allArgs = new Map<string, ArgInfo>();
  usedArgs = new Set<string>();
  secrets = new Map<string, SecretInfo>();
  ssh = new Map<string, SecretInfo>();

  clone(): OutlineCapture {
    const c = new OutlineCapture();
    c.allArgs = new Map(this.allArgs);
    c.usedArgs = new Set(this.usedArgs);
    c.secrets = new Map(this.secrets);
    c.ssh = new Map(this.ssh);
    return c;
  }

  /** Marks `names` and, transitively, the ARGs their defaults use. */
  markAllUsed(names: Iterable<string>, visited = new Set<string>()): void {
    for (const k of names) {
      if (visited.has(k)) continue;
      visited.add(k);
      const info = this.allArgs.get(k);
      if (info) this.markAllUsed(info.deps, visited);
      this.usedArgs.add(k);
    }
  }
}

export function newOutlineCapture(): OutlineCapture {
  return new OutlineCapture();
}
