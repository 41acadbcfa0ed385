'use client';

import { signOut } from 'next-auth/react';
import { ScriptButton } from '@/components/ui/script-controls';

export function SignOutButton() {
  return (
    <ScriptButton onClick={() => signOut({ callbackUrl: '/signin' })} className="min-h-10 rounded px-2 py-1 text-slate-600 hover:bg-slate-100 md:min-h-0">
      Sign out
    </ScriptButton>
  );
}
