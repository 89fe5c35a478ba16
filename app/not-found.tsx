import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="rounded-lg border border-zinc-200 p-6 dark:border-zinc-800">
      <h2 className="text-lg font-semibold">Not found</h2>
      <p className="mt-2 text-sm">
        This view does not exist (yet). Go to the <Link className="underline" href="/data">Data</Link> page.
      </p>
    </div>
  );
}
