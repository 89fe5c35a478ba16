import { Suspense } from 'react';
import { ExportView } from '@/components/export/export-view';

export const metadata = { title: 'Export · Sift' };

export default function ExportPage() {
  return (
    <Suspense>
      <ExportView />
    </Suspense>
  );
}
