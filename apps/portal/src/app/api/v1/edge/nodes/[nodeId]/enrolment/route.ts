import { enrolmentTicketRoute } from '@/server/routes';

export const POST = enrolmentTicketRoute.handle;
