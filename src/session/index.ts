export * from './secret-store.ts';
export * from './secret-tmpfs.ts';
export * from './ssh-agent.ts';
