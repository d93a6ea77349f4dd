/*! foi-lens embed: <foi-lens> places a foi-lens chart in any page, as an iframe that sizes
 * itself. Include this file once (from the foi-lens you use) and write either
 *
 *   <foi-lens view="1z.…" title="IT spend, The Dudley Group"></foi-lens>      (from "Copy embed code")
 *   <foi-lens values='{"organisation": "…", "it_spend": [{"year": "2023/24", "total_gbp": 16467000}]}'
 *             chart="spend" title="…"></foi-lens>                              (your own figures)
 *
 * Attributes: view (a packed view from foi-lens), values (figures in the foi-lens/1 JSON
 * contract; also settable as the `values` property, an object), chart ("spend", "dma", "table-0"),
 * peers, trust, dark ("auto" | "true" | "false"), title (the iframe's accessible name), app (the
 * foi-lens page to use; default: the index.html beside this script).
 *
 * The chart's data stays in the iframe address's fragment (after "#"), which browsers never send
 * to a server. The iframe posts {type: "foi-lens:resize", version: 1, id, height} to this page;
 * this script sets the iframe's height from it. MIT OR Apache-2.0.
 */
(function () {
  'use strict';
  if (!window.customElements || window.customElements.get('foi-lens')) return;
  var script = document.currentScript;
  var DEFAULT_APP = new URL('./', (script && script.src) || location.href).href;
  var DEFAULT_HEIGHT = 460;
  var frames = new Map(); // iframe window -> iframe element
  var count = 0;

  function base64url(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  window.addEventListener('message', function (event) {
    var frame = frames.get(event.source);
    var data = event.data;
    if (!frame || !data || data.type !== 'foi-lens:resize') return;
    var height = Number(data.height);
    if (isFinite(height) && height >= 40 && height <= 20000) frame.style.height = Math.ceil(height) + 'px';
  });

  class FoiLens extends HTMLElement {
    static get observedAttributes() {
      return ['view', 'values', 'chart', 'peers', 'trust', 'dark', 'title', 'app'];
    }

    get values() { return this._values; }
    set values(v) { this._values = v; this.render(); }

    connectedCallback() { this.render(); }
    attributeChangedCallback() { this.render(); }
    disconnectedCallback() { if (this._frame) frames.delete(this._frame.contentWindow); }

    // The packed view: given as `view`, or written here from `values` (plain JSON, no compression).
    code() {
      var view = (this.getAttribute('view') || '').trim();
      if (view) return view;
      var values = this._values;
      if (values == null && this.hasAttribute('values')) {
        try { values = JSON.parse(this.getAttribute('values')); } catch (e) {
          throw new Error('its values attribute is not JSON (' + e.message + ')');
        }
      }
      if (values == null || typeof values !== 'object') {
        throw new Error('it needs a view="…" (from foi-lens\'s "Copy embed code") or values=\'{…}\' attribute');
      }
      var packed = { values: Object.assign({ schema: 'foi-lens/1' }, values) };
      ['chart', 'peers', 'trust'].forEach(function (k) {
        if (this.getAttribute(k)) packed[k] = this.getAttribute(k);
      }, this);
      return '1j.' + base64url(JSON.stringify(packed));
    }

    render() {
      if (!this.isConnected) return;
      var code;
      try { code = this.code(); } catch (e) {
        console.error('<foi-lens>: ' + e.message);
        return; // keep whatever fallback content the page wrote inside the tag
      }
      if (!this._id) this._id = 'foi-lens-' + (++count);
      var src = new URL(this.getAttribute('app') || DEFAULT_APP, location.href);
      src.hash = 'embed=' + code + '&id=' + this._id +
        (this.getAttribute('dark') ? '&dark=' + encodeURIComponent(this.getAttribute('dark')) : '');
      var frame = this._frame;
      if (!frame) {
        frame = this._frame = document.createElement('iframe');
        frame.style.cssText = 'display:block;width:100%;border:0;height:' + DEFAULT_HEIGHT + 'px';
        frame.setAttribute('loading', 'lazy');
        this.replaceChildren(frame);
      }
      frame.title = this.getAttribute('title') || 'Chart made with foi-lens';
      if (frame.src !== src.href) frame.src = src.href;
      frames.set(frame.contentWindow, frame);
    }
  }

  window.customElements.define('foi-lens', FoiLens);
})();
