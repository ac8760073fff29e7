// Files the API sends (papers, reports, agendas, workbooks) reach the
// person one way: an HTML paper opens in a new tab to read and print,
// anything else is saved under the name the server gave it.

/** A file as the API client returns it: its bytes and the server's name for it. */
export interface ApiFile {
  blob: Blob;
  name?: string | null;
}

/** Fetches a file and opens it in a new tab (`inTab`) or saves it as its name, else `fallback`. */
export async function openFile(fetchFile: () => Promise<ApiFile>, fallback: string, inTab = false): Promise<void> {
  // A tab opened after the fetch would be blocked as a pop-up: open it now, fill it later.
  const tab = inTab ? window.open('', '_blank') : null;
  try {
    const { blob, name } = await fetchFile();
    const url = URL.createObjectURL(blob);
    if (tab) {
      tab.location.href = url;
    } else {
      const link = document.createElement('a');
      link.href = url;
      link.download = name ?? fallback;
      document.body.appendChild(link);
      link.click();
      link.remove();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
