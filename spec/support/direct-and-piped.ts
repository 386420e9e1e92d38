import { map, type Observable } from 'rxjs';

/** A stream used directly and through an operator: users do both, and both must behave. */
export const DIRECT_AND_PIPED: [string, <T>(source: Observable<T>) => Observable<T>][] = [
  ['directly', (source) => source],
  ['through map', (source) => source.pipe(map((x) => x))],
];
