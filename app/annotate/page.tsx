import { Suspense } from 'react';
import { AnnotateView } from '@/components/annotate/annotate-view';

export const metadata = { title: 'Annotate · Sift' };

export default function AnnotatePage() {
  return (
    <Suspense>
      <AnnotateView />
    </Suspense>
  );
}
