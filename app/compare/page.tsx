import { Suspense } from 'react';
import { CompareView } from '@/components/compare/compare-view';

export const metadata = { title: 'Compare · Sift' };

export default function ComparePage() {
  return (
    <Suspense>
      <CompareView />
    </Suspense>
  );
}
