/**
 * `fetch` for the upload link: when an operation's context carries `fetchOptions.onUploadProgress`, the
 * request goes through XMLHttpRequest so the page can show how much of the file has been sent; every
 * other request uses the browser's fetch unchanged.
 */
export type UploadProgress = (loaded: number, total: number) => void;

export function progressFetch(
  input: RequestInfo | URL,
  init: RequestInit & { onUploadProgress?: UploadProgress } = {},
) {
  const { onUploadProgress, ...rest } = init;
  if (!onUploadProgress) return fetch(input, rest);
  return new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(rest.method ?? "POST", String(input));
    xhr.withCredentials = true;
    new Headers(rest.headers).forEach((value, key) => xhr.setRequestHeader(key, value));
    xhr.upload.onprogress = (e) => e.lengthComputable && onUploadProgress(e.loaded, e.total);
    xhr.onload = () =>
      resolve(
        new Response(xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: { "content-type": xhr.getResponseHeader("content-type") ?? "application/json" },
        }),
      );
    xhr.onerror = () => reject(new TypeError("Failed to fetch"));
    xhr.onabort = () => reject(new DOMException("Aborted", "AbortError"));
    rest.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(rest.body as XMLHttpRequestBodyInit);
  });
}
