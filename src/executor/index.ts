export * from './mount-stubs.ts';
export * from './network-files.ts';
export * from './oci-spec.ts';
export * from './output-tail.ts';
export * from './run-container.ts';
export * from './seccomp-profile.ts';
export * from './types.ts';
export * from './user.ts';
