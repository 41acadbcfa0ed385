import { redirect } from 'next/navigation';

/** A store opens on its Orders tab. */
export default async function AmazonStorePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  redirect(`/integration/amazon/${id}/orders`);
}
