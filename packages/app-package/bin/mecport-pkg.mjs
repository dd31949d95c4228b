#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (the repo's TypeScript runner): `npx mecport-pkg --help`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
