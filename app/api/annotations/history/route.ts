import { getHistory } from '@/lib/server/annotations-api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = (request: Request) => getHistory(request);
