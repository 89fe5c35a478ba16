/** SHA-256 (Web Crypto: the page and workers) of the parts concatenated, strings as UTF-8, in lower-case hex. */
export async function sha256Hex(parts: ReadonlyArray<string | ArrayBuffer | Uint8Array>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await new Blob(parts as BlobPart[]).arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
