/**
 * Test doubles of the northbound data planes (NEF, CAMARA) for this package's tests and the
 * agent's: `@mecport/upf-adapters/testing`. Not part of what an edge node loads.
 */
export { NefEmulator, startNefEmulator, type TNefEmulatorOptions, type TNefSubscription } from './nef-emulator';
export { checkSchema } from './spec-validator';
export type { TRecordedRequest } from './emulator-http';
export { CamaraEmulator, startCamaraEmulator, type TCamaraEmulatorOptions, type TCamaraIntent } from './camara-emulator';
