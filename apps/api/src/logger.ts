import { createLogger } from '@mecport/http';
import { apiEnv } from './env';

export const log = createLogger('api', apiEnv().LOG_LEVEL);
