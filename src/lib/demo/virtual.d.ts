/** The demo's pre-built tables, from the build (tools/vite/demoTables.ts); null when absent. */
declare module 'virtual:jsna-demo-tables' {
  const prebuilt: import('./manifest').PrebuiltDemo | null;
  export default prebuilt;
}
