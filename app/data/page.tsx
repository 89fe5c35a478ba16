import { DataView } from '@/components/data/data-view';

export const metadata = { title: 'Data · Sift' };

export default function DataPage() {
  return <DataView />;
}
