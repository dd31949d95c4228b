/** Hands a response body to the browser as a file download (routes that need the bearer token cannot be plain links). */
export async function saveResponse(res: Response, fileName: string): Promise<void> {
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
