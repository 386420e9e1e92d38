/**
 * Angular logs "Angular is running in development mode." at every bootstrap: a line per test
 * that says nothing. Import in spec files that bootstrap applications; other logs pass.
 */
// eslint-disable-next-line no-console -- passes the other logs through
const log = console.log.bind(console);
jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
  if (args[0] !== 'Angular is running in development mode.') log(...args);
});
