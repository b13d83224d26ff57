/** Kept equal to package.json's version (a test checks it); printed by --version and sent in the User-Agent. */
export const CLI_VERSION = "0.1.0";
