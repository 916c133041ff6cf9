import { type OciSeccomp, seccompProfile } from './seccomp-profile.ts';
import type { RunMount, RunSpec } from './types.ts';
import type { ResolvedUser } from './user.ts';

/** The parts of an OCI runtime spec (config.json) that tsbuild writes. */
export interface OciMount {
  destination: string;
  type: string;
  source: string;
  options: string[];
}

export interface OciRuntimeSpec {
  ociVersion: string;
  process: {
    terminal: boolean;
    user: { uid: number; gid: number; additionalGids: number[] };
    args: string[];
    env: string[];
    cwd: string;
    capabilities: { bounding: string[]; effective: string[]; permitted: string[] };
    rlimits?: { type: string; soft: number; hard: number }[];
    noNewPrivileges: boolean;
  };
  root: { path: string; readonly: boolean };
  hostname: string;
  mounts: OciMount[];
  linux: {
    namespaces: { type: string }[];
    cgroupsPath: string;
    resources: { devices: { allow: boolean; access: string }[] };
    maskedPaths: string[];
    readonlyPaths: string[];
    seccomp?: OciSeccomp;
  };
}

/** Docker's default capability set (what `apt-get` and friends need). */
export const defaultCapabilities = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

/** Every capability by number (index = CAP_* value), for `--security=insecure`. */
const allCapabilities = (
  'CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE ' +
  'NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT ' +
  'SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE ' +
  'AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ ' +
  'PERFMON BPF CHECKPOINT_RESTORE'
)
  .split(' ')
  .map((c) => `CAP_${c}`);

/** The capabilities in `bounding` (the CapBnd bit mask of our own process): all we can give. */
export function insecureCapabilities(bounding: bigint): string[] {
  return allCapabilities.filter((_, bit) => ((bounding >> BigInt(bit)) & 1n) === 1n);
}

const maskedPaths = [
  '/proc/acpi',
  '/proc/asound',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];

const readonlyPaths = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

export interface SpecInputs {
  run: RunSpec;
  user: ResolvedUser;
  env: string[];
  hostsFile: string;
  resolvConf: string;
  cgroupsPath: string;
  /** Our own capability bounding set (CapBnd), the most insecure mode can grant. */
  boundingCaps: bigint;
}

/** The OCI runtime spec for one RUN step, with containerd's/BuildKit's defaults. */
export function buildRuntimeSpec(input: SpecInputs): OciRuntimeSpec {
  const { run, user } = input;
  const insecure = run.security === 'insecure';
  const caps = insecure ? insecureCapabilities(input.boundingCaps) : defaultCapabilities;
  const spec: OciRuntimeSpec = {
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids },
      args: run.args,
      env: input.env,
      cwd: run.cwd,
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      noNewPrivileges: false,
    },
    root: { path: run.rootfs, readonly: run.readonlyRootfs ?? false },
    hostname: run.hostname || 'buildkitsandbox',
    mounts: [
      ...defaultMounts(run.shmSize, insecure),
      ...networkFileMounts(input),
      ...userMounts(run.mounts ?? []),
    ],
    linux: {
      namespaces: [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }],
      cgroupsPath: input.cgroupsPath,
      resources: { devices: [{ allow: insecure, access: 'rwm' }] },
      maskedPaths: insecure ? [] : maskedPaths,
      readonlyPaths: insecure ? [] : readonlyPaths,
    },
  };
  if (run.network === 'none') spec.linux.namespaces.push({ type: 'network' });
  if (!insecure) spec.linux.seccomp = seccompProfile(caps);
  if (run.ulimits && run.ulimits.length > 0) {
    spec.process.rlimits = run.ulimits.map((u) => ({
      type: `RLIMIT_${u.name.toUpperCase()}`,
      soft: u.soft,
      hard: u.hard,
    }));
  }
  return spec;
}

/** containerd's default mounts without /run (BuildKit removes it) plus a cgroup mount. */
function defaultMounts(shmSize: number | undefined, insecure: boolean): OciMount[] {
  const shm = shmSize && shmSize > 0 ? `size=${shmSize}` : 'size=65536k';
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev',
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
    },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    {
      destination: '/dev/shm',
      type: 'tmpfs',
      source: 'shm',
      options: ['nosuid', 'noexec', 'nodev', 'mode=1777', shm],
    },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/sys',
      type: 'sysfs',
      source: 'sysfs',
      options: ['nosuid', 'noexec', 'nodev', insecure ? 'rw' : 'ro'],
    },
    {
      destination: '/sys/fs/cgroup',
      type: 'cgroup',
      source: 'cgroup',
      options: [insecure ? 'rw' : 'ro', 'nosuid', 'noexec', 'nodev'],
    },
  ];
}

function networkFileMounts(input: SpecInputs): OciMount[] {
  const opts = ['nosuid', 'noexec', 'nodev', 'rbind', 'ro'];
  return [
    { destination: '/etc/resolv.conf', type: 'bind', source: input.resolvConf, options: opts },
    { destination: '/etc/hosts', type: 'bind', source: input.hostsFile, options: opts },
  ];
}

/** The step's mounts, parents before children so a shallow mount never hides a deeper one. */
function userMounts(mounts: RunMount[]): OciMount[] {
  const depth = (m: RunMount): number => m.destination.split('/').filter(Boolean).length;
  return [...mounts]
    .sort((a, b) => depth(a) - depth(b))
    .map((m) => {
      const opts = m.options ?? [];
      if (m.type === 'tmpfs') {
        return {
          destination: m.destination,
          type: 'tmpfs',
          source: 'tmpfs',
          options: ['nosuid', 'nodev', ...opts],
        };
      }
      const ro = opts.includes('ro');
      return {
        destination: m.destination,
        type: 'bind',
        source: m.source ?? '',
        options: ['rbind', ro ? 'ro' : 'rw'],
      };
    });
}
