/** The material library (素材库): text, images, links, mini-programs and files, prepared ahead and sent from the library. */
export {
  MATERIAL_KINDS, MIN_FILE_BYTES, MAX_IMAGE_BYTES, MAX_FILE_BYTES, MEDIA_LIFETIME_MS, PREVIEW_VARIABLES,
  sniff, checkFile, isImage, formatBytes, materialProblems, mediaUsable, messageAttachment, momentAttachment, renderPreview,
  type MaterialKind, type SniffedType, type MaterialDraft, type SendableMaterial,
} from './content.ts';
export {
  materialInputSchema, materialPatchSchema, storeFile, readFile, getMaterial, listMaterials, createMaterial, updateMaterial, deleteMaterial,
  previewMaterial, materialRef,
  type Material, type MaterialInput, type MaterialPatch, type StoredFile, type MaterialRef, type ListMaterialsOptions, type MaterialPreview,
} from './materials.ts';
