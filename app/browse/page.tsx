import { Suspense } from 'react';
import { BrowseView } from '@/components/browse/browse-view';

export const metadata = { title: 'Browse · Sift' };

export default function BrowsePage() {
  return (
    <Suspense>
      <BrowseView />
    </Suspense>
  );
}
