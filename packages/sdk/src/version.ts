/** Kept equal to package.json's version (a test checks it); sent in the User-Agent. */
export const SDK_VERSION = "0.1.0";
