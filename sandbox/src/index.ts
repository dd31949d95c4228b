/** `@mecport/sandbox`: the sandbox engine's interface (the engine comes with issue 13). */
export type { TRecordedCall, TSandbox, TSandboxClock, TSandboxEngine, TSandboxState, TScenarioEvent } from './sandbox-engine';
