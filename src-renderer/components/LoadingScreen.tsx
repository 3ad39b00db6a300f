/** Shown until the main process has answered (app.info, or the election store's state). */
export function LoadingScreen() {
  return (
    <main className="screen" aria-busy="true" aria-label="Loading">
      <div className="spinner" aria-hidden="true" />
    </main>
  );
}
