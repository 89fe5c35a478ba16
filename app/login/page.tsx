import { LoginForm } from '@/components/shell/login-form';

export const metadata = { title: 'Sign in · Sift' };

export default function LoginPage() {
  return <LoginForm />;
}
