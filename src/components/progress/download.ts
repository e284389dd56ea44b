/** Offers text to the reader as a file download, made in the page: nothing leaves the browser. */
export function downloadText(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL is no longer needed once it has been handed over.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
