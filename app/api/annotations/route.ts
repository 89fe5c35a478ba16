import { getCurrent, postAnnotation } from '@/lib/server/annotations-api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = (request: Request) => getCurrent(request);
export const POST = (request: Request) => postAnnotation(request);
