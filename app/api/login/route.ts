import { guardConfigFromEnv } from '@/lib/server/guard';
import { deleteLogin, postLogin } from '@/lib/server/login';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = (request: Request) => postLogin(request, guardConfigFromEnv());
export const DELETE = (request: Request) => deleteLogin(request);
