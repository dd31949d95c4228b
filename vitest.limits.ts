// How long any test or hook may wait, for every workspace's vitest config. CI runs all workspaces'
// tests at once on two cores, where a step that takes a second alone (starting Postgres, compiling
// the ETSI schemas, spawning a CLI) can take thirty. These limits bound waiting; no test asserts speed.
export const testLimits = { testTimeout: 90_000, hookTimeout: 180_000 } as const;
