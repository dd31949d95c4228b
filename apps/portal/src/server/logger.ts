import { createLogger } from '@mecport/http';
import { portalEnv } from '@/env';

export const log = createLogger('portal', portalEnv().LOG_LEVEL);
