/** Recorded in provenance files and Parquet metadata. Keep equal to package.json's version. */
export const SIFT_VERSION = '0.1.0';
