// Stops what test/support/global-setup.mjs started (once, though both projects name this file).
export default async function globalTeardown() {
  const services = globalThis.newsledgerTestServices;
  globalThis.newsledgerTestServices = undefined;
  await services?.stop();
}
