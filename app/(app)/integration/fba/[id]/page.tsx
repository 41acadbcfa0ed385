import { redirect } from 'next/navigation';

/** A connection opens on its Setup tab. */
export default async function FbaConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  redirect(`/integration/fba/${id}/setup`);
}
