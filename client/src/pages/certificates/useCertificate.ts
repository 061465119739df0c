import { computed, ref, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError, toFailure } from "@/common/errors";
import { CertificateDocument } from "@/gql/graphql";

/** The certificate image link is signed for 10 minutes; renew it once it is older than 9. */
const LINK_LIFETIME_MS = 9 * 60 * 1000;

export type ImageState = "loading" | "loaded" | "failed";

/**
 * 【打印】 on a 合格 row (manual 2.3.0): the physician's certificate as the server renders it (PNG, with
 * the verification QR code), printed alone or downloaded; the link is renewed before use when stale.
 */
export function useCertificate() {
  const visible = ref(false);
  const applicationId = ref<number | null>(null);
  const { result, loading, error, refetch } = useQuery(
    CertificateDocument,
    () => ({ applicationId: applicationId.value ?? 0 }),
    () => ({ enabled: visible.value && applicationId.value !== null, fetchPolicy: "network-only" }),
  );
  watch(error, (e) => e && reportError(e));
  /** The server's words when there is no certificate (any more: a cheating verdict revokes it). */
  const gone = computed(() => {
    const f = error.value ? toFailure(error.value) : null;
    return f?.code === "NOT_FOUND" ? f.message : null;
  });
  const certificate = computed(() =>
    !gone.value && result.value?.certificate.applicationId === applicationId.value
      ? (result.value?.certificate ?? null)
      : null,
  );

  /** When the signed link was fetched. */
  const loadedAt = ref(0);
  const imageState = ref<ImageState>("loading");
  watch(
    () => certificate.value?.imageUrl,
    (url) => {
      loadedAt.value = Date.now();
      imageState.value = url ? "loading" : imageState.value;
    },
  );
  const downloadUrl = computed(() => (certificate.value ? `${certificate.value.imageUrl}&download=1` : ""));

  function open(id: number) {
    // The same certificate again keeps its picture (a renewed link reloads it through the watch above).
    if (id !== applicationId.value) imageState.value = "loading";
    applicationId.value = id;
    visible.value = true;
  }

  const renewing = ref(false);
  /** A fresh link: the current one when younger than 9 minutes (unless `recheck`), else refetched. */
  async function fresh(recheck = false) {
    if (!recheck && certificate.value && Date.now() - loadedAt.value < LINK_LIFETIME_MS) return certificate.value;
    renewing.value = true;
    try {
      const r = await refetch();
      return r?.data.certificate ?? null;
    } catch (err) {
      // The query's error is reported by the watch above; only report what it does not see.
      if (!error.value) reportError(err);
      return null;
    } finally {
      renewing.value = false;
    }
  }

  async function reloadImage() {
    loadedAt.value = 0;
    imageState.value = "loading";
    await fresh();
  }

  /** Waits until the print copy of the image (same link) has loaded. */
  function whenLoaded(img: HTMLImageElement | undefined) {
    if (!img) return Promise.resolve(false);
    if (img.complete) return Promise.resolve(img.naturalWidth > 0);
    return new Promise<boolean>((resolve) => {
      img.addEventListener("load", () => resolve(true), { once: true });
      img.addEventListener("error", () => resolve(false), { once: true });
    });
  }

  /**
   * 【打印】: only the certificate goes to paper (A4 landscape, see .pa-print-area in styles/index.css):
   * the body is marked while the browser's print dialog is open.
   */
  async function print(printImage: () => HTMLImageElement | undefined) {
    if (!(await fresh())) return;
    if (!(await whenLoaded(printImage()))) {
      imageState.value = "failed";
      return;
    }
    document.body.classList.add("pa-printing");
    try {
      window.print();
    } finally {
      document.body.classList.remove("pa-printing");
    }
  }

  /**
   * 【下载证书】: asks the server first, so a certificate revoked since the page opened is refused with the
   * server's reason instead of a failed download; the link is renewed on the way.
   */
  async function download(event: MouseEvent) {
    event.preventDefault();
    const c = await fresh(true);
    if (!c) return;
    const a = document.createElement("a");
    a.href = `${c.imageUrl}&download=1`;
    a.download = "";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  return {
    visible,
    certificate,
    gone,
    loading,
    error,
    imageState,
    renewing,
    downloadUrl,
    open,
    reloadImage,
    print,
    download,
  };
}
