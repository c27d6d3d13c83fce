// vtk.js's XML mesh reader (pulled in by Cornerstone's viewport registry, never used by the review page) imports
// xmlbuilder2, whose URL parser asks Node's "url" module for IDNA conversion. The browser has no such module; the page
// never parses XML, so these fail loudly if that ever changes instead of being polyfilled.
export function domainToASCII(domain: string): string {
  throw new Error(`url.domainToASCII(${domain}) is not available in the review page`);
}

export function domainToUnicode(domain: string): string {
  throw new Error(`url.domainToUnicode(${domain}) is not available in the review page`);
}
