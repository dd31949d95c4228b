/**
 * Which `createSite` the host runs: the site's (src/site) once it is built; until then every
 * create answers 503, saying so.
 */
import { AppError } from '@mecport/contracts';
import type { TCreateSite } from '../site/site';

export const createSite: TCreateSite = () => Promise.reject(new AppError('unavailable', 'The sandbox site is not built yet (issue 13)'));
