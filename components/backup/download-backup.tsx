'use client';

import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { ScriptButton } from '@/components/ui/script-controls';

type State =
  | { phase: 'idle' }
  | { phase: 'preparing'; received: number; total: number | null }
  | { phase: 'done'; filename: string; size: number }
  | { phase: 'failed'; message: string };

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** The answer's own file name (the server names the company and the UTC date). */
function fileNameOf(res: Response): string {
  return /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'backup';
}

async function messageOf(res: Response): Promise<string> {
  if (res.status === 401) return 'Your session has ended. Sign in again, then download the backup.';
  if (res.status === 403) return 'Only an administrator may download a backup.';
  try {
    const body = (await res.json()) as { error?: string };
    if (body.error) return body.error;
  } catch {
    /* not JSON: fall through */
  }
  return 'The backup could not be made. Try again; if it keeps failing, look in the server log.';
}

/**
 * Download backup: the file is fetched here rather than by a plain link, so the page can say that
 * the server is preparing it (the embedded database is dumped whole before the first byte leaves)
 * and how much has arrived, and can name a failure instead of leaving a broken file.
 */
export function DownloadBackup() {
  const [state, setState] = useState<State>({ phase: 'idle' });

  async function download() {
    setState({ phase: 'preparing', received: 0, total: null });
    try {
      const res = await fetch('/api/backup', { cache: 'no-store' });
      if (!res.ok || !res.body) {
        setState({ phase: 'failed', message: await messageOf(res) });
        return;
      }
      const total = Number(res.headers.get('content-length')) || null;
      const reader = res.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        received += value.length;
        setState({ phase: 'preparing', received, total });
      }
      const filename = fileNameOf(res);
      const url = URL.createObjectURL(new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ phase: 'done', filename, size: received });
    } catch {
      setState({ phase: 'failed', message: 'The download broke off before the backup was complete; nothing was saved. Try again.' });
    }
  }

  const busy = state.phase === 'preparing';
  return (
    <div>
      <ScriptButton onClick={download} disabled={busy} aria-describedby="backup-status" className={buttonClass('primary')}>
        {busy ? 'Preparing backup…' : 'Download backup'}
      </ScriptButton>
      <p id="backup-status" role="status" className={`mt-3 min-h-6 ${state.phase === 'failed' ? 'text-red-800' : 'text-slate-700'}`}>
        {state.phase === 'preparing' &&
          (state.received === 0
            ? 'Preparing the backup on the server… This takes a few seconds for a small database, longer for a large one.'
            : `Receiving the backup: ${formatBytes(state.received)}${state.total ? ` of ${formatBytes(state.total)}` : ''}…`)}
        {state.phase === 'done' && `Saved ${state.filename} (${formatBytes(state.size)}).`}
        {state.phase === 'failed' && state.message}
      </p>
    </div>
  );
}
