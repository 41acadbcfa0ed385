'use client';

import { useId, useState, type ReactNode } from 'react';
import { ScriptButton } from '@/components/ui/script-controls';

/**
 * A secret shown once after it is made (an API key, a webhook signing secret): nothing can show it
 * again, so it sits in a labelled read-only field with a Copy button, and says how to use it.
 */
export function ShownOnce({ message, label, secret, children }: { message: string; label: string; secret: string; children: ReactNode }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="mb-4 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
      <p className="font-medium">{message}</p>
      <label htmlFor={id} className="block text-sm">
        {label}
      </label>
      <div className="flex flex-wrap gap-2">
        <input id={id} readOnly value={secret} className="min-w-0 flex-1 rounded border border-amber-300 bg-white px-2 py-1 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        <ScriptButton
          className="rounded border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100"
          onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy'}
        </ScriptButton>
      </div>
      <p className="text-sm">{children}</p>
    </div>
  );
}
