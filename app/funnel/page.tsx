import { FunnelView } from '@/components/funnel/funnel-view';

export const metadata = { title: 'Funnel · Sift' };

export default function FunnelPage() {
  return <FunnelView />;
}
