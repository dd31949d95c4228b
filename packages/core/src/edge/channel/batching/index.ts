export * from './group-commit';
export * from './channel-reads';
export * from './agent-writes';
