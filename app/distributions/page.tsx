import { Suspense } from 'react';
import { DistributionsView } from '@/components/explore/distributions-view';

export const metadata = { title: 'Distributions · Sift' };

export default function DistributionsPage() {
  return (
    <Suspense>
      <DistributionsView />
    </Suspense>
  );
}
