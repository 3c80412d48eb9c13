// The media-query hook lives in lib/ so pages can use it without importing app/ (which imports the pages).
export { useMediaQuery } from '../lib/useMediaQuery';
