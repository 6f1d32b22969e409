/**
 * Moving file bytes between the page, the API (base64 in JSON) and the
 * user: reading a chosen file, and downloading a file in the browser.
 */

/** Reads a Blob, such as a chosen file or a PNG, as base64 without the data: prefix. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () =>
      reject(reader.error ?? new Error('Reading the file failed.'));
    reader.readAsDataURL(blob);
  });
}

/** Decodes base64 into a Blob of the given media type. */
export function base64ToBlob(data: string, mediaType: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) {
    bytes[index] = binary.charCodeAt(index);
  }
  return new Blob([bytes], { type: mediaType });
}

/** How long a download's object URL stays valid after the click. */
const OBJECT_URL_LIFETIME_MS = 60_000;

/** Makes the browser download `blob` as `fileName`, into its download folder. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}

const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * Writes a size in bytes as "812 bytes", "14.2 KiB" or "3.1 MiB", in the
 * binary units the import and export messages of the Node side use.
 */
export function formatBytes(bytes: number): string {
  if (bytes < KIB) return `${bytes} bytes`;
  if (bytes < MIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  return `${(bytes / MIB).toFixed(1)} MiB`;
}
