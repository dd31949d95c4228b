/** A process that logs two lines with `createLogger`, then exits the way argv[2] says (logger.test.ts). */
import { createLogger } from '../logger';

const log = createLogger('fixture', 'info');
log.info('first');
log.error('second');
const how = process.argv[2];
if (how === 'exit') process.exit(3);
if (how === 'throw') throw new Error('boom');
if (how === 'stay') setInterval(() => undefined, 1000); // alive until killed: only the periodic flush can show the lines
