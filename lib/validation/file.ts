import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from '@/lib/http/limits';

/** Shown next to a file input, by the browser before sending and by the action wrapper after. */
export const FILE_TOO_LARGE_MESSAGE = `The file is larger than ${MAX_UPLOAD_LABEL}; split it into smaller files.`;

export function isFileTooLarge(file: { size: number }): boolean {
  return file.size > MAX_UPLOAD_BYTES;
}
