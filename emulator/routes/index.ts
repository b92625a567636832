import type { Route } from '../route.js';
import { cleanupMultipart } from './files/cleanupMultipart.js';
import { composeGcsUpload } from './files/composeGcsUpload.js';
import { createAsset } from './assets/createAsset.js';
import { createAssetVersion } from './assets/createAssetVersion.js';
import { createFile } from './files/createFile.js';
import { createFileSet } from './files/createFileSet.js';
import { createFormat } from './files/createFormat.js';
import { createJob } from './jobs/createJob.js';
import { deleteAsset } from './assets/deleteAsset.js';
import { deleteFile } from './files/deleteFile.js';
import { deleteFileSet } from './files/deleteFileSet.js';
import { deleteJob } from './jobs/deleteJob.js';
import { getAsset } from './assets/getAsset.js';
import { getFile } from './files/getFile.js';
import { getFileSet } from './files/getFileSet.js';
import { getFormat } from './files/getFormat.js';
import { getFormatByName } from './files/getFormatByName.js';
import { getJob } from './jobs/getJob.js';
import { getMatchingStorage } from './files/getMatchingStorage.js';
import { getMatchingStorageByMethod } from './files/getMatchingStorageByMethod.js';
import { getMultipartPartUrls } from './files/getMultipartPartUrls.js';
import { getMultipartUrls } from './files/getMultipartUrls.js';
import { getStorage } from './files/getStorage.js';
import { listAssets } from './assets/listAssets.js';
import { listFileSetFiles } from './files/listFileSetFiles.js';
import { listFileSets } from './files/listFileSets.js';
import { listFiles } from './files/listFiles.js';
import { listFilesByChecksum } from './files/listFilesByChecksum.js';
import { listFormatStorageFileSets } from './files/listFormatStorageFileSets.js';
import { listFormats } from './files/listFormats.js';
import { listJobs } from './jobs/listJobs.js';
import { listStorageFiles } from './files/listStorageFiles.js';
import { listStorages } from './files/listStorages.js';
import { patchAsset } from './assets/patchAsset.js';
import { patchFile } from './files/patchFile.js';
import { patchJob } from './jobs/patchJob.js';
import { putAsset } from './assets/putAsset.js';
import { putJob } from './jobs/putJob.js';
import { setJobsState } from './jobs/setJobsState.js';
import { triggerKeyframes } from './files/triggerKeyframes.js';
import { triggerMediainfo } from './files/triggerMediainfo.js';
import { scanStorage } from './files/scanStorage.js';
import { addCollectionContent } from './assets/collections/addCollectionContent.js';
import { createCollection } from './assets/collections/createCollection.js';
import { getCollection } from './assets/collections/getCollection.js';
import { listCollectionContents } from './assets/collections/listCollectionContents.js';
import { createCategory } from './metadata/createCategory.js';
import { createField } from './metadata/createField.js';
import { createView } from './metadata/createView.js';
import { getCategory } from './metadata/getCategory.js';
import { getField } from './metadata/getField.js';
import { getObjectValues } from './metadata/getObjectValues.js';
import { getView } from './metadata/getView.js';
import { getViewValues } from './metadata/getViewValues.js';
import { listCategories } from './metadata/listCategories.js';
import { listFields } from './metadata/listFields.js';
import { listViews } from './metadata/listViews.js';
import { putViewValues } from './metadata/putViewValues.js';
import { updateCategory } from './metadata/updateCategory.js';
import { updateField } from './metadata/updateField.js';
import { updateView } from './metadata/updateView.js';
import { createWebhook } from './notifications/createWebhook.js';
import { deleteWebhook } from './notifications/deleteWebhook.js';
import { getWebhook } from './notifications/getWebhook.js';
import { listWebhooks } from './notifications/listWebhooks.js';
import { updateWebhook } from './notifications/updateWebhook.js';
import { search } from './search/search.js';

/**
 * Every implemented iconik operation. To add one: write `routes/<service>/<operation>.ts` exporting a
 * `defineRoute({...})`, import it here, add it to this list, run `npx tsx emulator/spec/vendor.ts`.
 * Keep the list grouped by service and sorted.
 */
export const routes: readonly Route[] = [
  // assets
  createAsset,
  createAssetVersion,
  deleteAsset,
  getAsset,
  listAssets,
  patchAsset,
  putAsset,

  // files
  cleanupMultipart,
  composeGcsUpload,
  createFile,
  createFileSet,
  createFormat,
  deleteFile,
  deleteFileSet,
  getFile,
  getFileSet,
  getFormat,
  getFormatByName,
  getMatchingStorage,
  getMatchingStorageByMethod,
  getMultipartPartUrls,
  getMultipartUrls,
  getStorage,
  listFileSetFiles,
  listFileSets,
  listFiles,
  listFilesByChecksum,
  listFormatStorageFileSets,
  listFormats,
  listStorageFiles,
  listStorages,
  patchFile,
  triggerKeyframes,
  triggerMediainfo,

  // jobs
  createJob,
  deleteJob,
  getJob,
  listJobs,
  patchJob,
  putJob,
  setJobsState,

  // assets: collections
  addCollectionContent,
  createCollection,
  getCollection,
  listCollectionContents,

  // files: storage scan
  scanStorage,

  // metadata
  createCategory,
  createField,
  createView,
  getCategory,
  getField,
  getObjectValues,
  getView,
  getViewValues,
  listCategories,
  listFields,
  listViews,
  putViewValues,
  updateCategory,
  updateField,
  updateView,

  // notifications
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  updateWebhook,

  // search
  search,
];
