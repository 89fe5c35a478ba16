import { postBatch } from '@/lib/server/annotations-api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = (request: Request) => postBatch(request);
