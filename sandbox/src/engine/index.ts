/** The scenario engine and its clock. */
export { createEngine } from './create-engine';
export { createClock, type TClock, type TClockMode } from './clock';
export type { TEngine, TWorldView } from './engine';
