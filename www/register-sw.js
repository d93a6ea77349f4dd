// foi-lens: register the service worker (sw.js) so the hosted app works offline after the first
// visit. Only over http(s): a page opened from file:// (the single file) has no origin to cache
// for, and tools/postbuild.py leaves this script out of foi-lens.html altogether.
(function () {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  addEventListener('load', function () {
    navigator.serviceWorker.register('sw.js').catch(function (e) {
      // Not an error for the reader: the app works, just not offline.
      console.warn('foi-lens: offline mode is not available here (' + e.message + ')');
    });
  });
})();
