// Places: coordinates and a precision for the coder's locations, from a gazetteer package.
export { countryNumeric, locatePlace } from './resolve-place.js';
export { placeKey } from './place-names.js';
