export {
  CERTIFICATE_HEIGHT,
  CERTIFICATE_WIDTH,
  renderCertificatePng,
  type CertificateImageData,
} from "./certificate-image";
export {
  COMMENDATION_HEIGHT,
  COMMENDATION_WIDTH,
  demoCommendationPng,
  demoMaterialPng,
  demoSnapshotPng,
  MATERIAL_HEIGHT,
  MATERIAL_WIDTH,
  SNAPSHOT_HEIGHT,
  SNAPSHOT_WIDTH,
} from "./demo-images";
export { findCjkFont, MissingCjkFontError, requireCjkFont } from "./fonts";
