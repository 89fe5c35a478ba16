import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Suspense, type ReactNode } from 'react';
import { DatasetBootstrap } from '@/components/shell/dataset-bootstrap';
import { NavBar } from '@/components/shell/nav-bar';
import './globals.css';

export const metadata: Metadata = {
  title: 'Sift — data-quality explorer',
  description: 'Explore, compare, label and export data-selector scores for LLM pretraining corpora.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, so Next can put the CSP nonce on its scripts.
  await headers();
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Suspense>
          <NavBar />
        </Suspense>
        <DatasetBootstrap />
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
